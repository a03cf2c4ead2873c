import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { deadLetterTopicFor, invoiceReceived, type InvoiceReceived } from '@varco/contracts'
import { defineError } from '@varco/errors'
import { createLogger } from '@varco/observability'
import { uniqueGroup, uniqueTopic } from '@varco/testing'
import {
  createKafkaClient,
  consumeEvents,
  createPublisher,
  ensureTopics,
  runConsumer,
  type IncomingMessage,
  type OutgoingMessage,
  type Publisher,
  type RunningConsumer,
} from '../src/index.ts'

const logger = createLogger({ name: 'test', level: 'silent' })
const kafka = createKafkaClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'consumer-test', logger })
const running: RunningConsumer[] = []
let publisher: Publisher

const RuleBroken = defineError<[string]>('TEST_ERR_RULE', 'rule broken: %s')
const DatabaseDown = defineError('TEST_ERR_DB_DOWN', 'database down', { retriable: true })

function anEvent(invoiceId: string, tag = 'ok'): InvoiceReceived {
  return invoiceReceived.create({
    source: 'test',
    tenantId: 't',
    invoiceId,
    correlationId: tag,
    data: { document: { sha256: 'b'.repeat(64), size: 2, mediaType: 'application/xml' }, receivedVia: 'api' },
  })
}

function asMessage(topic: string, key: string, value: string, headers: Record<string, string> = {}): OutgoingMessage {
  return { topic, key, value, headers }
}

function message(topic: string, event: InvoiceReceived): OutgoingMessage {
  return asMessage(topic, event.invoiceId, JSON.stringify(event), {
    'event-id': event.id,
    'event-type': event.type,
    'event-version': String(event.version),
  })
}

/** Collects the raw messages of a topic (the dead-letter topic, here). */
async function collect(topic: string): Promise<IncomingMessage[]> {
  const seen: IncomingMessage[] = []
  const consumer = await runConsumer<IncomingMessage>({
    kafka,
    groupId: uniqueGroup(),
    topics: [topic],
    logger,
    decode: (m) => ({ kind: 'event', event: m }),
    handle: async (m) => void seen.push(m),
  })
  running.push(consumer)
  return seen
}

beforeAll(async () => {
  publisher = createPublisher(kafka)
  await publisher.connect()
})

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()))
})

afterAll(async () => {
  await publisher.disconnect()
})

describe('runConsumer', () => {
  it('sends poison messages to the dead-letter topic with their error code and carries on', async () => {
    const topic = uniqueTopic()
    await ensureTopics(kafka, [{ topic, partitions: 1 }])
    const key = randomUUID()
    const before = anEvent(key, 'before')
    const after = anEvent(key, 'after')
    const brokenRule = anEvent(key, 'break-rule')
    const invalid = { ...anEvent(key), data: { document: { sha256: 'not-a-hash' } } }
    const unknownType = { ...anEvent(key), type: 'invoice.archived' }
    await publisher.publish([
      message(topic, before),
      asMessage(topic, key, '{"truncated'),
      asMessage(topic, key, JSON.stringify(invalid)),
      asMessage(topic, key, JSON.stringify(unknownType)),
      message(topic, brokenRule),
      message(topic, after),
    ])

    const handled: string[] = []
    const consumer = await consumeEvents({
      kafka,
      groupId: uniqueGroup(),
      topics: [topic],
      logger,
      events: [invoiceReceived],
      handle: async (event) => {
        if (event.correlationId === 'break-rule') throw new RuleBroken('seller equals buyer')
        handled.push(event.correlationId)
      },
    })
    running.push(consumer)
    const deadLetters = await collect(deadLetterTopicFor(topic))

    await expect.poll(() => handled, { timeout: 30_000 }).toEqual(['before', 'after'])
    await expect.poll(() => deadLetters.length, { timeout: 30_000 }).toBe(3)
    expect(deadLetters.map((m) => m.headers['dlq-error-code'])).toEqual([
      'EVT_ERR_MALFORMED',
      'EVT_ERR_INVALID',
      'TEST_ERR_RULE',
    ])
    expect(deadLetters[1]!.headers['dlq-error-message']).toContain('/data/document/sha256')
    expect(deadLetters[2]).toMatchObject({
      key,
      value: Buffer.from(JSON.stringify(brokenRule)),
      headers: { 'dlq-original-topic': topic, 'dlq-original-partition': '0', 'event-id': brokenRule.id },
    })
  })

  it('retries retriable failures until they succeed, without dead-lettering', async () => {
    const topic = uniqueTopic()
    await ensureTopics(kafka, [{ topic, partitions: 1 }])
    const event = anEvent(randomUUID())
    await publisher.publish([message(topic, event)])
    let attempts = 0
    const consumer = await consumeEvents({
      kafka,
      groupId: uniqueGroup(),
      topics: [topic],
      logger,
      events: [invoiceReceived],
      retry: { initialMs: 10, maxMs: 50 },
      handle: async () => {
        attempts++
        if (attempts < 4) throw new DatabaseDown()
      },
    })
    running.push(consumer)
    const deadLetters = await collect(deadLetterTopicFor(topic))
    await expect.poll(() => attempts, { timeout: 30_000 }).toBe(4)
    expect(deadLetters).toHaveLength(0)
  })

  it('dead-letters an unclassified error after a bounded number of attempts', async () => {
    const topic = uniqueTopic()
    await ensureTopics(kafka, [{ topic, partitions: 1 }])
    await publisher.publish([message(topic, anEvent(randomUUID()))])
    let attempts = 0
    const consumer = await consumeEvents({
      kafka,
      groupId: uniqueGroup(),
      topics: [topic],
      logger,
      events: [invoiceReceived],
      retry: { initialMs: 10, maxMs: 20, unknownErrorAttempts: 3 },
      handle: async () => {
        attempts++
        throw new TypeError('cannot read properties of undefined')
      },
    })
    running.push(consumer)
    const deadLetters = await collect(deadLetterTopicFor(topic))
    await expect.poll(() => deadLetters.length, { timeout: 30_000 }).toBe(1)
    expect(attempts).toBe(3)
    expect(deadLetters[0]!.headers).toMatchObject({
      'dlq-error-code': 'UNKNOWN',
      'dlq-error-message': 'cannot read properties of undefined',
    })
  })

  it('keeps one key on one partition, in order', async () => {
    const topic = uniqueTopic()
    await ensureTopics(kafka, [{ topic, partitions: 6 }])
    const invoiceId = randomUUID()
    const events = Array.from({ length: 20 }, (_, i) => anEvent(invoiceId, `n${i}`))
    await publisher.publish(events.map((event) => message(topic, event)))
    const seen: Array<{ tag: string; partition: number }> = []
    const consumer = await consumeEvents({
      kafka,
      groupId: uniqueGroup(),
      topics: [topic],
      logger,
      events: [invoiceReceived],
      partitionsConsumedConcurrently: 3,
      handle: async (event, { message: m }) => void seen.push({ tag: event.correlationId, partition: m.partition }),
    })
    running.push(consumer)
    await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(20)
    expect(seen.map((s) => s.tag)).toEqual(events.map((e) => e.correlationId))
    expect(new Set(seen.map((s) => s.partition)).size).toBe(1)
  })
})
