import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import type { Logger } from 'pino'
import { topicFor } from '@varco/contracts'
import { schemaName } from './identifiers.ts'
import { outboxChannel, type OutboxMessage } from './outbox.ts'
import { withTransaction } from './transaction.ts'

/** Publishes a batch and resolves only once the broker has acknowledged every message. */
export type PublishBatch = (messages: readonly OutboxMessage[]) => Promise<void>

export interface OutboxRelayOptions {
  readonly pool: pg.Pool
  /** Used for a dedicated LISTEN connection outside the pool. */
  readonly connectionString: string
  readonly schema: string
  readonly publish: PublishBatch
  readonly logger: Logger
  readonly batchSize?: number
  /** How often to look for rows even without a notification (a missed NOTIFY, a LISTEN connection being rebuilt). */
  readonly pollIntervalMs?: number
  /** The longest wait between attempts while publishing fails. */
  readonly maxBackoffMs?: number
  /** Topic namespace (see topicFor); `varco` unless the deployment sets its own. */
  readonly topicPrefix?: string
}

export interface OutboxRelay {
  /** Stops after the batch in flight; rows not yet published stay for the next relay. */
  stop(): Promise<void>
  /** Resolves when the outbox was seen empty after this call (for tests and graceful shutdown). */
  drained(): Promise<void>
}

interface OutboxRow {
  id: string
  event_type: string
  event_version: number
  message_key: string
  headers: Record<string, string>
  payload: string
}

/**
 * Publishes the outbox of one schema to Kafka. Rows are claimed with FOR UPDATE SKIP LOCKED, so several relays
 * (one per replica) share the work; a row is deleted in the transaction that claimed it, after the broker acked.
 * A crash between the ack and the commit republishes the batch: delivery is at least once, and consumers' inboxes
 * make it effectively once. Across relays, one key's events may be published out of order; consumers that care
 * (the lifecycle) order by their own rules.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { pool, publish, logger, batchSize = 500, pollIntervalMs = 1_000, maxBackoffMs = 10_000 } = options
  const schema = schemaName(options.schema)
  const log = logger.child({ component: 'outbox-relay', schema })
  let running = true
  let wake: (() => void) | undefined
  let emptyWaiters: Array<() => void> = []
  const poke = () => wake?.()

  async function publishOneBatch(): Promise<number> {
    return withTransaction(pool, async (tx) => {
      const { rows } = await tx.query<OutboxRow>(
        `SELECT id, event_type, event_version, message_key, headers, payload FROM ${schema}.outbox
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      )
      if (rows.length === 0) return 0
      await publish(
        rows.map((row) => ({
          topic: topicFor(row.event_type, row.event_version, options.topicPrefix),
          key: row.message_key,
          value: row.payload,
          headers: row.headers,
        })),
      )
      await tx.query(`DELETE FROM ${schema}.outbox WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)])
      return rows.length
    })
  }

  async function idle(ms: number): Promise<void> {
    const controller = new AbortController()
    wake = () => controller.abort()
    await sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined)
    wake = undefined
  }

  const listener = listen(options.connectionString, outboxChannel(schema), poke, log)

  const loop = (async () => {
    let backoff = 100
    while (running) {
      try {
        const published = await publishOneBatch()
        backoff = 100
        if (published > 0) {
          log.debug({ published }, 'outbox batch published')
          if (published === batchSize) continue
        }
        for (const resolve of emptyWaiters) resolve()
        emptyWaiters = []
        await idle(pollIntervalMs)
      } catch (err) {
        log.warn({ err, retryInMs: backoff }, 'outbox publish failed; will retry')
        await idle(backoff)
        backoff = Math.min(backoff * 2, maxBackoffMs)
      }
    }
  })()

  return {
    async stop() {
      running = false
      poke()
      await loop
      await listener.close()
    },
    drained() {
      return new Promise((resolve) => {
        emptyWaiters.push(resolve)
        poke()
      })
    },
  }
}

/** A LISTEN connection that rebuilds itself when the server goes away; notifications are hints only. */
function listen(connectionString: string, channel: string, onNotify: () => void, log: Logger) {
  let client: pg.Client | undefined
  let closed = false

  async function connect(): Promise<void> {
    let delay = 200
    while (!closed) {
      const next = new pg.Client({ connectionString, application_name: `varco-outbox-listen` })
      next.on('notification', onNotify)
      next.on('error', (err) => {
        log.warn({ err }, 'outbox listen connection lost; polling until it is back')
        if (client === next) client = undefined
        void next.end().catch(() => undefined)
        if (!closed) void connect()
      })
      try {
        await next.connect()
        await next.query(`LISTEN ${channel}`)
        if (closed) {
          await next.end()
          return
        }
        client = next
        onNotify() // rows may have arrived while we were not listening
        return
      } catch (err) {
        log.debug({ err }, 'outbox listen connection failed')
        await next.end().catch(() => undefined)
        await sleep(delay)
        delay = Math.min(delay * 2, 5_000)
      }
    }
  }

  void connect()
  return {
    async close() {
      closed = true
      await client?.end().catch(() => undefined)
    },
  }
}
