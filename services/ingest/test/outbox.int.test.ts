import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { invoiceReceived, type InvoiceReceived } from '@varco/contracts'
import { startOutboxRelay } from '@varco/db'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics } from '@varco/kafka'
import { uniqueGroup, validSampleInvoice } from '@varco/testing'
import { INGEST_SCHEMA } from '../src/adapters/pg/schema.ts'
import {
  createIngestDatabase,
  createTenant,
  silentLogger,
  startApp,
  type IngestDatabase,
  type TestTenant,
} from './helpers/app-harness.ts'
import { count, postInvoice, type AcceptedBody } from './helpers/requests.ts'

let database: IngestDatabase
let app: FastifyInstance
let tenant: TestTenant

beforeAll(async () => {
  database = await createIngestDatabase()
  // The app has no Kafka client at all: what it writes waits in the outbox, as while the broker is down.
  app = await startApp(database)
  tenant = await createTenant(database.admin)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

describe('accepting invoices while Kafka is unavailable', () => {
  it('answers 202 without a broker, and a relay later publishes each invoice.received exactly once', async () => {
    const accepted: string[] = []
    const submissions = Array.from({ length: 40 }, (_, n) =>
      validSampleInvoice().replace('<Numero>123</Numero>', `<Numero>K-${n}</Numero>`),
    )
    const responses = await Promise.all(submissions.map((xml) => postInvoice(app, tenant, xml, 'application/xml')))
    expect(responses.map((r) => r.statusCode)).toEqual(Array(40).fill(202))
    accepted.push(...responses.map((r) => r.json<AcceptedBody>().id))
    expect(await count(database.pool, 'ingest.outbox')).toBe(40)

    const prefix = `ingest-${randomUUID()}`
    const kafka = createKafkaClient({
      brokers: inject('kafkaBrokers').split(','),
      clientId: 'ingest-test',
      logger: silentLogger,
    })
    await ensureTopics(kafka, [{ topic: `${prefix}.invoice.received.v1`, partitions: 3 }])
    const received: InvoiceReceived[] = []
    const consumer = await consumeEvents({
      kafka,
      groupId: uniqueGroup('ingest-outbox'),
      events: [invoiceReceived],
      topicPrefix: prefix,
      logger: silentLogger,
      handle: async (event) => void received.push(event),
    })
    await consumer.joined
    const publisher = createPublisher(kafka)
    await publisher.connect()
    const relay = startOutboxRelay({
      pool: database.pool,
      connectionString: database.db.url,
      schema: INGEST_SCHEMA,
      publish: (messages) => publisher.publish(messages),
      logger: silentLogger,
      topicPrefix: prefix,
      batchSize: 15,
    })
    try {
      await relay.drained()
      await expect.poll(() => received.length, { timeout: 60_000 }).toBe(40)
      expect(await count(database.pool, 'ingest.outbox')).toBe(0)
      expect(received.map((event) => event.invoiceId).sort()).toEqual([...accepted].sort())
      expect(new Set(received.map((event) => event.id)).size).toBe(40)
      for (const event of received) expect(invoiceReceived.check(event)).toEqual([])
    } finally {
      await relay.stop()
      await consumer.stop()
      await publisher.disconnect()
    }
  })
})
