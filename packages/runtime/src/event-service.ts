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
import { deferredConsumer, linkKafka } from './kafka-link.ts'

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
  /**
   * Starts a consumer on this service's Kafka client, at once or, while Kafka is unreachable, as soon as it is
   * (`joined` says when); it is stopped first at shutdown.
   */
  consume<const Defs extends readonly AnyEventDefinition[]>(options: ConsumeOptions<Defs>): Promise<RunningConsumer>
  /** Registers something to close at shutdown, after the consumers stopped and before the outbox and pool go. */
  onStop(close: () => Promise<void> | void): void
  /**
   * Registers something to close first at shutdown, before the consumers stop: an HTTP server that stops taking
   * requests and finishes those in flight while the pool, the relay and the consumers are all still there.
   */
  onStopping(close: () => Promise<void> | void): void
  /** Whether the outbox relay is running (from start until shutdown begins): for a readiness check. */
  relayRunning(): boolean
  /** Whether Kafka has been reached and set up since start (events then flow; before, they wait in the outbox). */
  kafkaReady(): boolean
  /**
   * Wakes this process's outbox relay now, for a writer that committed outbox rows without a NOTIFY (a NOTIFY in a
   * transaction takes a database-wide lock at commit, which serialises busy writers' commits). Cheap: calls made
   * while a wake-up is pending fold into one.
   */
  wakeRelay(): void
  /** Logs that the service is up and stops it cleanly on SIGTERM or SIGINT. */
  started(): void
}

/**
 * Starts what every event-driven service needs, in order: logger and telemetry, migrations of the document store
 * and of the service's schema, the pool, the document store, Kafka (topics, idempotent publisher; retried in the
 * background while Kafka is unreachable, see kafka-link.ts) and the outbox relay. Shutdown reverses it: consumers first (no handler is running), then what `onStop` registered, the relay,
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
  const publisher = createPublisher(kafka)
  const link = linkKafka({
    logger,
    setUp: async () => {
      await ensureTopics(
        kafka,
        invoiceEvents.map((event) => ({ topic: topicFor(event.type, event.version, topicPrefix) })),
      )
      await publisher.connect()
    },
  })
  // The first attempt is waited for, so that a service with Kafka up starts as it always did; later ones are not.
  await Promise.race([link.ready, new Promise((done) => setTimeout(done, 15_000).unref())])
  const relay: OutboxRelay = startOutboxRelay({
    pool,
    connectionString: databaseUrl,
    schema,
    publish: async (messages) => {
      if (!link.isReady()) throw new Error('Kafka is not reachable yet')
      await publisher.publish(messages)
    },
    logger,
    topicPrefix,
  })

  const consumers: RunningConsumer[] = []
  const closers: Array<() => Promise<void> | void> = []
  const firstClosers: Array<() => Promise<void> | void> = []
  let stopping = false
  // At most one wake-up in flight; one asked for meanwhile is made when it resolves, so no commit waits for a poll.
  let wakeUp: Promise<void> | undefined
  let wakeAgain = false
  function wakeRelay(): void {
    if (stopping) return
    if (wakeUp !== undefined) {
      wakeAgain = true
      return
    }
    wakeAgain = false
    wakeUp = relay.drained().finally(() => {
      wakeUp = undefined
      if (wakeAgain) wakeRelay()
    })
  }

  async function stop(signal: string): Promise<void> {
    if (stopping) return
    stopping = true
    logger.info({ signal }, `${name} service stopping`)
    link.close()
    for (const close of firstClosers) await close()
    // Together: each leaves its group (a rebalance of several seconds), and a service may have several.
    await Promise.all(consumers.map((consumer) => consumer.stop()))
    for (const close of closers.reverse()) await close()
    await relay.stop()
    if (link.isReady()) await publisher.disconnect()
    await pool.end()
    await telemetry.shutdown()
    process.exit(0)
  }

  return {
    logger,
    pool,
    documents,
    consume: async (consumeOptions) => {
      const start = () => consumeEvents({ ...consumeOptions, kafka, logger, topicPrefix })
      const consumer = link.isReady() ? await start() : deferredConsumer(link, start, logger)
      consumers.push(consumer)
      return consumer
    },
    onStop: (close) => void closers.push(close),
    onStopping: (close) => void firstClosers.push(close),
    relayRunning: () => !stopping,
    kafkaReady: () => link.isReady(),
    wakeRelay,
    started: () => {
      logger.info(`${name} service started`)
      process.once('SIGTERM', () => void stop('SIGTERM'))
      process.once('SIGINT', () => void stop('SIGINT'))
    },
  }
}
