import Type from 'typebox'

const DAY = 86_400_000

/**
 * The webhook part's variables, for the receipts service's config schema to spread (README.md describes them).
 * Durations are in milliseconds, so that tests can compress days into seconds.
 */
export const webhookConfigProperties = {
  RECEIPTS_INTERNAL_HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Bind a private address' }),
  RECEIPTS_INTERNAL_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8082 }),
  RECEIPTS_INTERNAL_TOKEN: Type.String({ minLength: 32, description: 'Bearer token of the internal API; a secret' }),
  WEBHOOK_GROUP_ID: Type.String({ minLength: 1, default: 'receipts-webhooks' }),
  /** http:// subscription URLs besides https:// (development and tests only). */
  WEBHOOK_ALLOW_HTTP: Type.Boolean({ default: false }),
  /** Delivery to loopback, private and link-local addresses (a self-hosted gateway delivering to its own LAN). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: Type.Boolean({ default: false }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 15_000 }),
  /** Deliveries in flight at once, per process. */
  WEBHOOK_WORKERS: Type.Integer({ minimum: 1, maximum: 256, default: 16 }),
  WEBHOOK_POLL_INTERVAL_MS: Type.Integer({ minimum: 10, default: 1_000 }),
  /** How long a claimed delivery stays with its worker; after a crash it is due again this long after the claim. */
  WEBHOOK_LEASE_MS: Type.Integer({ minimum: 200, default: 60_000 }),
  WEBHOOK_RETRY_INITIAL_MS: Type.Integer({ minimum: 1, default: 5_000 }),
  WEBHOOK_RETRY_MAX_MS: Type.Integer({ minimum: 1, default: 3_600_000 }),
  /** From a delivery's creation: past it, a failed attempt fails the delivery. */
  WEBHOOK_RETRY_WINDOW_MS: Type.Integer({ minimum: 1, default: 3 * DAY }),
  /** A subscription whose every attempt failed for this long, and at least WEBHOOK_DISABLE_MIN_FAILURES in a row. */
  WEBHOOK_DISABLE_AFTER_MS: Type.Integer({ minimum: 0, default: 5 * DAY }),
  WEBHOOK_DISABLE_MIN_FAILURES: Type.Integer({ minimum: 1, default: 20 }),
  /** How long a rotated-out secret still signs. */
  WEBHOOK_SECRET_OVERLAP_MS: Type.Integer({ minimum: 0, default: DAY }),
}

/** The webhook part's variables alone, for a test or a tool that reads only them. */
export const WebhookConfigSchema = Type.Object(webhookConfigProperties)

/** The webhook part's configuration, plus the document keys its secrets are sealed under. */
export type WebhookConfig = Type.Static<typeof WebhookConfigSchema> & {
  readonly DOCUMENT_KEYS: string
  readonly DOCUMENT_ACTIVE_KEY: string
}
