import { setTimeout as sleep } from 'node:timers/promises'
import type { RunningConsumer } from '@varco/kafka'
import type { Logger } from '@varco/observability'

/*
 * Kafka may be down when a service starts, and a service that refuses to start then is a service that is down too:
 * the ingest API would turn vendors away although the outbox could keep their invoices. So a service starts without
 * Kafka: its set-up (topics, the idempotent producer) is retried in the background, the outbox relay holds events
 * until it is done, and consumers join once it is.
 */

export interface KafkaLinkOptions {
  /** Creates the topics and connects the producer; throws while Kafka cannot be reached. */
  readonly setUp: () => Promise<void>
  readonly logger: Logger
  readonly initialDelayMs?: number
  readonly maxDelayMs?: number
}

export interface KafkaLink {
  /** Resolves true once set up, false when closed first. */
  readonly ready: Promise<boolean>
  isReady(): boolean
  close(): void
}

export function linkKafka(options: KafkaLinkOptions): KafkaLink {
  const closing = new AbortController()
  let up = false
  const maxDelayMs = options.maxDelayMs ?? 30_000
  async function keepTrying(): Promise<boolean> {
    let delayMs = options.initialDelayMs ?? 500
    for (let attempt = 1; !closing.signal.aborted; attempt++) {
      try {
        await options.setUp()
        up = true
        if (attempt > 1) options.logger.info({ attempts: attempt }, 'Kafka reachable: events flow again')
        return true
      } catch (err) {
        options.logger.warn(
          { err, retryInMs: delayMs, attempt },
          'Kafka unreachable: the service runs, events wait in the outbox',
        )
        await sleep(delayMs, undefined, { signal: closing.signal }).catch(() => undefined)
        delayMs = Math.min(delayMs * 2, maxDelayMs)
      }
    }
    return false
  }
  return { ready: keepTrying(), isReady: () => up, close: () => closing.abort() }
}

/**
 * A consumer started once Kafka is set up, and started again when its own start fails (the broker went away
 * between the set-up and the join). `joined` resolves when it has joined; `stop` works in any state.
 */
export function deferredConsumer(
  link: KafkaLink,
  start: () => Promise<RunningConsumer>,
  logger: Logger,
  retryMs = 2000,
): RunningConsumer {
  const stopping = new AbortController()
  let running: RunningConsumer | undefined
  const stopped = new Promise<false>((done) => stopping.signal.addEventListener('abort', () => done(false)))
  const started = (async (): Promise<RunningConsumer | undefined> => {
    // Stopping does not wait for a set-up attempt in progress (kafkajs retries a connection for many seconds).
    if (!(await Promise.race([link.ready, stopped]))) return undefined
    while (!stopping.signal.aborted) {
      try {
        running = await start()
        if (stopping.signal.aborted) await running.stop()
        return running
      } catch (err) {
        logger.warn({ err, retryInMs: retryMs }, 'consumer could not join; will retry')
        await sleep(retryMs, undefined, { signal: stopping.signal }).catch(() => undefined)
      }
    }
    return undefined
  })()
  return {
    joined: started.then((consumer) => consumer?.joined),
    stop: async () => {
      stopping.abort()
      const consumer = await started
      if (consumer !== undefined && consumer === running) await consumer.stop()
    },
  }
}
