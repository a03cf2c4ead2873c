// An outbox relay as its own process: what every service runs beside its API, here alone so a test can SIGKILL it.
import Type from 'typebox'
import { brokerList, commonConfigProperties, loadConfigOrExit } from '@varco/config'
import { createPool, startOutboxRelay } from '@varco/db'
import { createKafkaClient, createPublisher } from '@varco/kafka'
import { createLogger } from '@varco/observability'

const config = loadConfigOrExit(
  Type.Object({
    ...commonConfigProperties,
    OUTBOX_SCHEMA: Type.String({ pattern: '^[a-z_][a-z0-9_]*$' }),
    RELAY_BATCH_SIZE: Type.Integer({ minimum: 1, default: 100 }),
    TOPIC_PREFIX: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', default: 'varco' }),
  }),
  process.env,
)
const logger = createLogger({ name: 'test-relay', level: config.LOG_LEVEL })
const pool = createPool({ connectionString: config.DATABASE_URL, logger })
const kafka = createKafkaClient({ brokers: brokerList(config.KAFKA_BROKERS), clientId: 'test-relay', logger })
const publisher = createPublisher(kafka)
await publisher.connect()
const relay = startOutboxRelay({
  pool,
  connectionString: config.DATABASE_URL,
  schema: config.OUTBOX_SCHEMA,
  publish: (messages) => publisher.publish(messages),
  logger,
  batchSize: config.RELAY_BATCH_SIZE,
  pollIntervalMs: 500,
  topicPrefix: config.TOPIC_PREFIX,
})
logger.info('relay ready')

process.once('SIGTERM', () => {
  void (async () => {
    await relay.stop()
    await publisher.disconnect()
    await pool.end()
    process.exit(0)
  })()
})
