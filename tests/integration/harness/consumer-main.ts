// A consumer as its own process: applies each invoice.received event once (inbox + effect in one transaction).
import { setTimeout as sleep } from 'node:timers/promises'
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace'
import Type from 'typebox'
import { invoiceReceived } from '@varco/contracts'
import { brokerList, commonConfigProperties, loadConfigOrExit } from '@varco/config'
import { createPool, handleOnce, schemaName } from '@varco/db'
import { consumeEvents, createKafkaClient } from '@varco/kafka'
import { createLogger, startTelemetry } from '@varco/observability'
import { spanLinesExporter } from './span-lines-exporter.ts'

const config = loadConfigOrExit(
  Type.Object({
    ...commonConfigProperties,
    TOPIC: Type.String({ minLength: 1 }),
    GROUP_ID: Type.String({ minLength: 1 }),
    EFFECT_SCHEMA: Type.String({ pattern: '^[a-z_][a-z0-9_]*$' }),
    HANDLER_DELAY_MS: Type.Integer({ minimum: 0, default: 0 }),
    SPANS_TO_STDOUT: Type.Boolean({ default: false }),
    SESSION_TIMEOUT_MS: Type.Integer({ minimum: 6_000, default: 30_000 }),
  }),
  process.env,
)
const logger = createLogger({ name: 'test-consumer', level: config.LOG_LEVEL })
const telemetry = startTelemetry({
  serviceName: 'test-consumer',
  logger,
  spanProcessors: config.SPANS_TO_STDOUT ? [new SimpleSpanProcessor({ exporter: spanLinesExporter() })] : [],
})
const schema = schemaName(config.EFFECT_SCHEMA)
const pool = createPool({ connectionString: config.DATABASE_URL, logger })
const kafka = createKafkaClient({ brokers: brokerList(config.KAFKA_BROKERS), clientId: 'test-consumer', logger })

const consumer = await consumeEvents({
  kafka,
  groupId: config.GROUP_ID,
  topics: [config.TOPIC],
  logger,
  events: [invoiceReceived],
  partitionsConsumedConcurrently: 3,
  sessionTimeoutMs: config.SESSION_TIMEOUT_MS,
  handle: async (event) => {
    if (config.HANDLER_DELAY_MS > 0) await sleep(config.HANDLER_DELAY_MS)
    await handleOnce(pool, { schema, consumer: config.GROUP_ID, eventId: event.id }, async (tx) => {
      await tx.query(`INSERT INTO ${schema}.effects (event_id, invoice_id) VALUES ($1, $2)`, [
        event.id,
        event.invoiceId,
      ])
    })
  },
})
await consumer.joined
logger.info('consumer joined')

process.once('SIGTERM', () => {
  void (async () => {
    await consumer.stop()
    await pool.end()
    await telemetry.shutdown()
    process.exit(0)
  })()
})
