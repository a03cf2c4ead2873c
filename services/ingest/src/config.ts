import Type from 'typebox'
import { commonConfigProperties } from '@varco/config'
import { documentConfigProperties } from '@varco/documents'
import { SDI_MAX_FILE_BYTES } from '@varco/fatturapa'

/** The ingest service's environment (see README.md). */
export const IngestConfig = Type.Object({
  ...commonConfigProperties,
  ...documentConfigProperties,
  TOPIC_PREFIX: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', default: 'varco' }),
  INGEST_GROUP_ID: Type.String({ minLength: 1, default: 'ingest' }),
  HTTP_HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  HTTP_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  /** The largest request body accepted; SdI takes files up to 5 MB. */
  HTTP_BODY_LIMIT: Type.Integer({ minimum: 1024, default: SDI_MAX_FILE_BYTES }),
  /** Requests per API key per window (RATE_LIMIT_WINDOW_MS), per replica. */
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 600 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60_000 }),
  /** How long a live API key is remembered; a revoked key stops working within this time (0: checked every request). */
  AUTH_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 300_000, default: 5_000 }),
  /** PEM bundles of the CAs vendors' signatures must chain to, for ?validate=sync (comma-separated paths). */
  /** How long an Idempotency-Key is remembered; an older one names a new request. */
  IDEMPOTENCY_RETENTION_MS: Type.Integer({ minimum: 60_000, default: 86_400_000 }),
  IDEMPOTENCY_PURGE_INTERVAL_MS: Type.Integer({ minimum: 1000, default: 60_000 }),
  SIGNATURE_TRUST_FILES: Type.Optional(Type.String({ minLength: 1 })),
  /** The receipts service's internal API (webhook subscriptions); without it and its token, /v1/webhooks is 503. */
  RECEIPTS_INTERNAL_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  RECEIPTS_INTERNAL_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** Longest wait for the receipts service's internal API, whole answer included. */
  RECEIPTS_INTERNAL_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 5_000 }),
})

export type IngestConfig = Type.Static<typeof IngestConfig>
