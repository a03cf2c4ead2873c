import { setTimeout as sleep } from 'node:timers/promises'
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { classifyError, errorCode } from '@varco/errors'
import { extractTraceContext, headersToStrings } from '@varco/observability'
import type { EachMessagePayload, Kafka } from 'kafkajs'
import type { Logger } from 'pino'
import { backoffDelay, type BackoffPolicy } from './backoff.ts'
import { deadLetterOf } from './dead-letter.ts'
import type { Decoded } from './event-decoder.ts'
import type { IncomingMessage } from './incoming-message.ts'
import { createPublisher } from './publisher.ts'

/** What a handler gets besides the event: where it came from, a logger bound to it, and a stop signal. */
export interface MessageContext {
  readonly message: IncomingMessage
  readonly log: Logger
  /** Aborted when the consumer stops; long handlers should pass it on to their I/O. */
  readonly signal: AbortSignal
}

export interface RetryPolicy extends BackoffPolicy {
  /** Attempts for errors that are neither known-retriable nor known-fatal (likely bugs) before dead-lettering. */
  readonly unknownErrorAttempts: number
}

export interface ConsumerOptions<Event> {
  readonly kafka: Kafka
  readonly groupId: string
  readonly topics: readonly string[]
  readonly logger: Logger
  readonly decode: (message: IncomingMessage) => Decoded<Event>
  /** Must be idempotent: a message is redelivered after a crash before its offset was committed. */
  readonly handle: (event: Event, context: MessageContext) => Promise<void>
  readonly fromBeginning?: boolean
  readonly retry?: Partial<RetryPolicy>
  /** Partitions handled in parallel; order is kept within a partition (so within one invoice). */
  readonly partitionsConsumedConcurrently?: number
  /** How long the group waits for a silent member before giving its partitions to others (default 30 s). */
  readonly sessionTimeoutMs?: number
}

export interface RunningConsumer {
  /** Resolves when the consumer has joined its group and been assigned partitions. */
  readonly joined: Promise<void>
  /** Stops fetching, abandons retries in progress (their messages stay uncommitted), commits and disconnects. */
  stop(): Promise<void>
}

const DEFAULT_RETRY: RetryPolicy = { initialMs: 200, maxMs: 10_000, unknownErrorAttempts: 5 }
const tracer = trace.getTracer('@varco/kafka')

function toIncoming({ topic, partition, message }: EachMessagePayload): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value,
    headers: headersToStrings(message.headers),
  }
}

/**
 * Consumes `topics` as `groupId`. An offset is committed only after its message's handler succeeded or the message
 * was dead-lettered. Failures are retried by class (see classifyError): retriable ones with capped exponential
 * backoff for as long as it takes (the partition waits; nothing is skipped), fatal ones go to `<topic>.dlq` at once,
 * unknown ones after a few attempts. Either way the consumer carries on with the next message.
 */
export async function runConsumer<Event>(options: ConsumerOptions<Event>): Promise<RunningConsumer> {
  const { kafka, groupId, topics, logger, decode, handle } = options
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const log = logger.child({ component: 'consumer', groupId })
  const stopping = new AbortController()
  const deadLetters = createPublisher(kafka)
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    sessionTimeout,
    heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
  })

  let markJoined: () => void = () => undefined
  const joined = new Promise<void>((resolve) => (markJoined = resolve))
  consumer.on(consumer.events.GROUP_JOIN, () => markJoined())
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    log.warn({ err: payload.error, restart: payload.restart }, 'consumer crashed'),
  )

  /** Parks a message; keeps trying while the broker is unreachable, since committing without it would lose it. */
  async function deadLetter(message: IncomingMessage, err: unknown, messageLog: Logger): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await deadLetters.publish([deadLetterOf(message, groupId, err, new Date())])
        messageLog.error({ err, code: errorCode(err) }, 'message dead-lettered')
        return
      } catch (publishError) {
        if (stopping.signal.aborted) throw publishError
        messageLog.warn({ err: publishError }, 'dead-letter publish failed; will retry')
        await sleep(backoffDelay(attempt, retry), undefined, { signal: stopping.signal }).catch(() => undefined)
      }
    }
  }

  async function process(payload: EachMessagePayload): Promise<void> {
    const message = toIncoming(payload)
    const messageLog = log.child({
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      eventId: message.headers['event-id'],
      eventType: message.headers['event-type'],
    })
    let decoded: Decoded<Event>
    try {
      decoded = decode(message)
    } catch (err) {
      return deadLetter(message, err, messageLog)
    }
    if (decoded.kind === 'skipped') {
      messageLog.debug({ type: decoded.type, version: decoded.version }, 'event type not handled here; skipped')
      return
    }
    const context: MessageContext = { message, log: messageLog, signal: stopping.signal }
    for (let attempt = 1; ; attempt++) {
      try {
        await handle(decoded.event, context)
        return
      } catch (err) {
        const kind = classifyError(err)
        if (kind === 'fatal' || (kind === 'unknown' && attempt >= retry.unknownErrorAttempts)) {
          return deadLetter(message, err, messageLog)
        }
        if (stopping.signal.aborted) throw err
        const delayMs = backoffDelay(attempt, retry)
        messageLog.warn({ err, attempt, delayMs, kind }, 'handler failed; will retry')
        await sleep(delayMs, undefined, { signal: stopping.signal }).catch(() => undefined)
        await payload.heartbeat()
      }
    }
  }

  await deadLetters.connect()
  await consumer.connect()
  await consumer.subscribe({ topics: [...topics], fromBeginning: options.fromBeginning ?? true })
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 1_000,
    autoCommitThreshold: 100,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    eachMessage: (payload) =>
      tracer.startActiveSpan(
        `${payload.topic} process`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.operation.type': 'process',
            'messaging.destination.name': payload.topic,
            'messaging.consumer.group.name': groupId,
            'messaging.destination.partition.id': String(payload.partition),
            'messaging.kafka.offset': Number(payload.message.offset),
          },
        },
        extractTraceContext(headersToStrings(payload.message.headers)),
        async (span) => {
          try {
            await process(payload)
          } catch (err) {
            span.setStatus({ code: SpanStatusCode.ERROR })
            throw err
          } finally {
            span.end()
          }
        },
      ),
  })
  log.info({ topics }, 'consumer started')

  return {
    joined,
    async stop() {
      stopping.abort()
      await consumer.disconnect()
      await deadLetters.disconnect()
    },
  }
}
