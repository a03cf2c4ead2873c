import type pg from 'pg'
import { invoiceEvents, topicFor, type AnyEventDefinition } from '@varco/contracts'
import { brokerList } from '@varco/config'
import { createPool, migrateSchema, startOutboxRelay, type OutboxRelay } from '@varco/db'
import {
  createDocumentStore,
  documentsMigrationsDir,
  documentsSchema,
  parseKeyring,
  type DocumentStore,
} from '@varco/documents'
import {
  consumeEvents,
  createKafkaClient,
  createPublisher,
  ensureTopics,
  type EventConsumerOptions,
  type RunningConsumer,
} from '@varco/kafka'
import { createLogger, startTelemetry, type Logger } from '@varco/observability'

/** The variables every event-driven service reads (commonConfigProperties, documentConfigProperties, a prefix). */
export interface EventServiceConfig {
  readonly LOG_LEVEL: string
  readonly LOG_PRETTY: boolean
  readonly DATABASE_URL: string
  readonly DATABASE_POOL_SIZE: number
  readonly KAFKA_BROKERS: string
  readonly KAFKA_CLIENT_ID?: string | undefined
  readonly DOCUMENT_KEYS: string
  readonly DOCUMENT_ACTIVE_KEY: string
  readonly DOCUMENT_MAX_BYTES: number
  readonly TOPIC_PREFIX: string
}

export interface EventServiceOptions {
  /** The service's name: logger, OpenTelemetry service.name, Kafka client id and PostgreSQL application_name. */
  readonly name: string
  /** The service's own schema, holding its tables, outbox and inbox. */
  readonly schema: string
  readonly migrationsDir: string
  readonly config: EventServiceConfig
}

type ConsumeOptions<Defs extends readonly AnyEventDefinition[]> = Omit<
  EventConsumerOptions<Defs>,
  'kafka' | 'logger' | 'topicPrefix'
>

export interface EventService {
  readonly logger: Logger
  readonly pool: pg.Pool
  readonly documents: DocumentStore
  /** Starts a consumer on this service's Kafka client; it is stopped first at shutdown. */
  consume<const Defs extends readonly AnyEventDefinition[]>(options: ConsumeOptions<Defs>): Promise<RunningConsumer>
  /** Registers something to close at shutdown, after the consumers stopped and before the outbox and pool go. */
  onStop(close: () => Promise<void> | void): void
  /** Logs that the service is up and stops it cleanly on SIGTERM or SIGINT. */
  started(): void
}

/**
 * Starts what every event-driven service needs, in order: logger and telemetry, migrations of the document store
 * and of the service's schema, the pool, the document store, Kafka (topics, idempotent publisher) and the outbox
 * relay. Shutdown reverses it: consumers first (no handler is running), then what `onStop` registered, the relay,
 * the publisher, the pool, and telemetry last, so that the spans of the shutdown are exported.
 */
export async function startEventService(options: EventServiceOptions): Promise<EventService> {
  const { name, schema, config } = options
  const logger = createLogger({ name, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY })
  const telemetry = startTelemetry({ serviceName: name, logger })
  const keyring = parseKeyring(config.DOCUMENT_KEYS, config.DOCUMENT_ACTIVE_KEY)
  const databaseUrl = config.DATABASE_URL
  await migrateSchema({ databaseUrl, schema: documentsSchema, dir: documentsMigrationsDir, logger, withOutbox: false })
  await migrateSchema({ databaseUrl, schema, dir: options.migrationsDir, logger })
  const pool = createPool({
    connectionString: databaseUrl,
    max: config.DATABASE_POOL_SIZE,
    logger,
    applicationName: name,
  })
  const documents = createDocumentStore({ pool, keyring, maxBytes: config.DOCUMENT_MAX_BYTES })

  const kafka = createKafkaClient({
    brokers: brokerList(config.KAFKA_BROKERS),
    clientId: config.KAFKA_CLIENT_ID ?? name,
    logger,
  })
  const topicPrefix = config.TOPIC_PREFIX
  await ensureTopics(
    kafka,
    invoiceEvents.map((event) => ({ topic: topicFor(event.type, event.version, topicPrefix) })),
  )
  const publisher = createPublisher(kafka)
  await publisher.connect()
  const relay: OutboxRelay = startOutboxRelay({
    pool,
    connectionString: databaseUrl,
    schema,
    publish: (messages) => publisher.publish(messages),
    logger,
    topicPrefix,
  })

  const consumers: RunningConsumer[] = []
  const closers: Array<() => Promise<void> | void> = []
  let stopping = false
  async function stop(signal: string): Promise<void> {
    if (stopping) return
    stopping = true
    logger.info({ signal }, `${name} service stopping`)
    for (const consumer of consumers) await consumer.stop()
    for (const close of closers.reverse()) await close()
    await relay.stop()
    await publisher.disconnect()
    await pool.end()
    await telemetry.shutdown()
    process.exit(0)
  }

  return {
    logger,
    pool,
    documents,
    consume: async (consumeOptions) => {
      const consumer = await consumeEvents({ ...consumeOptions, kafka, logger, topicPrefix })
      consumers.push(consumer)
      return consumer
    },
    onStop: (close) => void closers.push(close),
    started: () => {
      logger.info(`${name} service started`)
      process.once('SIGTERM', () => void stop('SIGTERM'))
      process.once('SIGINT', () => void stop('SIGINT'))
    },
  }
}
