// Composition root of the ingest service: configuration, the event-service runtime, the HTTP API, the projection.
import {
  invoiceNotification,
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
import { loadTrust } from './adapters/trust.ts'
import { buildApp } from './app.ts'
import { IngestConfig } from './config.ts'
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
}

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
  ],
  partitionsConsumedConcurrently: 2,
  handle: (event, { log }) => onInvoiceProgress(event, { pool, consumer: config.INGEST_GROUP_ID }, log),
})
const address = await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT })
logger.info({ address }, 'ingest API listening')
service.started()
