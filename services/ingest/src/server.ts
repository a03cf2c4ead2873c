// Composition root of the ingest service: configuration, the event-service runtime, the HTTP API, the projection.
import {
  invoiceIncoming,
  invoiceIncomingTermsExpired,
  invoiceNotification,
  invoiceOutcomeSent,
  invoiceRejected,
  invoiceSigned,
  invoiceSigningFailed,
  invoiceTransmissionFailed,
  invoiceTransmitted,
  invoiceValidated,
} from '@varco/contracts'
import { loadConfigOrExit } from '@varco/config'
import { startEventService } from '@varco/runtime'
import { INGEST_SCHEMA, ingestMigrationsDir } from './adapters/pg/schema.ts'
import { receiptsWebhooks } from './adapters/http/receipts-webhooks.ts'
import { loadTrust } from './adapters/trust.ts'
import { buildApp } from './app.ts'
import { IngestConfig } from './config.ts'
import { startIdempotencyPurge } from './use-cases/purge-idempotency-keys.ts'
import { onIncomingEvent } from './consumers/incoming-invoice.ts'
import { onInvoiceProgress } from './consumers/invoice-progress.ts'
import { authenticateWith } from './use-cases/authenticate.ts'

const config = loadConfigOrExit(IngestConfig, process.env)
const service = await startEventService({
  name: 'ingest',
  schema: INGEST_SCHEMA,
  migrationsDir: ingestMigrationsDir,
  config,
})
const { logger, pool, documents } = service
const deps = {
  pool,
  documents,
  trust: loadTrust(config.SIGNATURE_TRUST_FILES, logger),
  now: () => new Date(),
  wakeRelay: () => service.wakeRelay(),
  idempotencyRetentionMs: config.IDEMPOTENCY_RETENTION_MS,
}
const purge = startIdempotencyPurge({
  pool,
  retentionMs: config.IDEMPOTENCY_RETENTION_MS,
  everyMs: config.IDEMPOTENCY_PURGE_INTERVAL_MS,
  logger,
  now: deps.now,
})
service.onStop(() => purge.stop())

const { RECEIPTS_INTERNAL_URL: receiptsUrl, RECEIPTS_INTERNAL_TOKEN: receiptsToken } = config
if ((receiptsUrl === undefined) !== (receiptsToken === undefined)) {
  logger.warn('RECEIPTS_INTERNAL_URL and RECEIPTS_INTERNAL_TOKEN go together; webhooks stay off without both')
}
const webhooks =
  receiptsUrl === undefined || receiptsToken === undefined
    ? undefined
    : receiptsWebhooks({ baseUrl: receiptsUrl, token: receiptsToken, timeoutMs: config.RECEIPTS_INTERNAL_TIMEOUT_MS })

const app = await buildApp({
  deps,
  authenticate: authenticateWith(pool, { cacheTtlMs: config.AUTH_CACHE_TTL_MS }),
  readiness: async () => ({
    database: await pool.query('SELECT 1').then(
      () => true,
      () => false,
    ),
    outboxRelay: service.relayRunning(),
  }),
  logger,
  bodyLimit: config.HTTP_BODY_LIMIT,
  rateLimit: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
  webhooks,
})
// First at shutdown: no new requests, those in flight finish while the pool and the outbox are still there.
service.onStopping(() => app.close())

await service.consume({
  groupId: config.INGEST_GROUP_ID,
  events: [
    invoiceValidated,
    invoiceRejected,
    invoiceSigned,
    invoiceSigningFailed,
    invoiceTransmitted,
    invoiceTransmissionFailed,
    invoiceNotification,
    invoiceIncoming,
    invoiceIncomingTermsExpired,
    invoiceOutcomeSent,
  ],
  partitionsConsumedConcurrently: 2,
  handle: (event, { log }) => {
    const consumer = { pool, consumer: config.INGEST_GROUP_ID }
    switch (event.type) {
      case 'invoice.incoming':
      case 'invoice.incoming_terms_expired':
      case 'invoice.outcome_sent':
        return onIncomingEvent(event, consumer, log)
      default:
        return onInvoiceProgress(event, consumer, log)
    }
  },
})
const address = await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT })
logger.info({ address }, 'ingest API listening')
service.started()
