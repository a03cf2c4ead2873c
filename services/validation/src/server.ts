// Composition root of the validation service: configuration, infrastructure, consumer, graceful shutdown.
import { invoiceEvents, invoiceReceived, topicFor } from '@varco/contracts'
import { brokerList, loadConfigOrExit } from '@varco/config'
import { createPool, migrateSchema, startOutboxRelay } from '@varco/db'
import { createDocumentStore, documentsMigrationsDir, documentsSchema, parseKeyring } from '@varco/documents'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics } from '@varco/kafka'
import { createLogger, startTelemetry } from '@varco/observability'
import { loadFormatSchema, loadTrust } from './adapters/operator-files.ts'
import { ValidationConfig } from './config.ts'
import { onInvoiceReceived } from './consumers/invoice-received.ts'

const SERVICE = 'validation'
const SCHEMA = 'validation'
const migrations = new URL('../migrations', import.meta.url).pathname

const config = loadConfigOrExit(ValidationConfig, process.env)
const logger = createLogger({ name: SERVICE, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY })
const telemetry = startTelemetry({ serviceName: SERVICE, logger })
const keyring = parseKeyring(config.DOCUMENT_KEYS, config.DOCUMENT_ACTIVE_KEY)
const trust = loadTrust(config.SIGNATURE_TRUST_FILES, logger)
const xsd = loadFormatSchema(config.FATTURAPA_XSD_DIR, logger)

await migrateSchema({
  databaseUrl: config.DATABASE_URL,
  schema: documentsSchema,
  dir: documentsMigrationsDir,
  logger,
  withOutbox: false,
})
await migrateSchema({ databaseUrl: config.DATABASE_URL, schema: SCHEMA, dir: migrations, logger })
const pool = createPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_SIZE,
  logger,
  applicationName: SERVICE,
})
const documents = createDocumentStore({ pool, keyring, maxBytes: config.DOCUMENT_MAX_BYTES })

const kafka = createKafkaClient({
  brokers: brokerList(config.KAFKA_BROKERS),
  clientId: config.KAFKA_CLIENT_ID ?? SERVICE,
  logger,
})
await ensureTopics(
  kafka,
  invoiceEvents.map((event) => ({ topic: topicFor(event.type, event.version, config.TOPIC_PREFIX) })),
)
const publisher = createPublisher(kafka)
await publisher.connect()
const relay = startOutboxRelay({
  pool,
  connectionString: config.DATABASE_URL,
  schema: SCHEMA,
  publish: (messages) => publisher.publish(messages),
  logger,
  topicPrefix: config.TOPIC_PREFIX,
})
const deps = { pool, documents, trust, xsd, schema: SCHEMA, consumer: config.VALIDATION_GROUP_ID }
const consumer = await consumeEvents({
  kafka,
  groupId: config.VALIDATION_GROUP_ID,
  events: [invoiceReceived],
  topicPrefix: config.TOPIC_PREFIX,
  logger,
  partitionsConsumedConcurrently: 2,
  handle: (event, { log }) => onInvoiceReceived(event, deps, log),
})
logger.info('validation service started')

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'validation service stopping')
  await consumer.stop()
  await relay.stop()
  await publisher.disconnect()
  await pool.end()
  xsd?.[Symbol.dispose]()
  await telemetry.shutdown()
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown('SIGTERM'))
process.once('SIGINT', () => void shutdown('SIGINT'))
