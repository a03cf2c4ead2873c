import { execFileSync } from 'node:child_process'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { invoiceReceived } from '@varco/contracts'
import { createPool, enqueueEvents, handleOnce, migrateSchema, startOutboxRelay, withTransaction } from '@varco/db'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics } from '@varco/kafka'
import { createTestDatabase, startLocalKafka, uniqueGroup, type LocalKafka, type TestDatabase } from '@varco/testing'
import { anInvoiceReceived, createEffectsTable, silentLogger } from './fixtures.ts'

const EVENTS = 600
const SCHEMA = 'restart'

function javaAvailable(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

// Restarting a broker needs one of our own: the shared one serves other test files at the same time.
describe.skipIf(!javaAvailable())('a Kafka broker restart while events are produced', () => {
  let db: TestDatabase
  let pool: pg.Pool
  let broker: LocalKafka

  beforeAll(async () => {
    ;[db, broker] = await Promise.all([createTestDatabase(inject('databaseUrl')), startLocalKafka()])
    await migrateSchema({ databaseUrl: db.url, schema: SCHEMA, logger: silentLogger })
    pool = createPool({ connectionString: db.url, logger: silentLogger })
    await createEffectsTable(pool, SCHEMA)
  })

  afterAll(async () => {
    await pool?.end()
    await Promise.all([db?.drop(), broker?.destroy()])
  })

  it('loses nothing and applies nothing twice: the relay resumes where it stopped', async () => {
    const kafka = createKafkaClient({ brokers: [broker.brokers], clientId: 'restart-test', logger: silentLogger })
    await ensureTopics(kafka, [{ topic: invoiceReceived.topic, partitions: 3 }])
    const publisher = createPublisher(kafka)
    await publisher.connect()
    const relay = startOutboxRelay({
      pool,
      connectionString: db.url,
      schema: SCHEMA,
      publish: (messages) => publisher.publish(messages),
      logger: silentLogger,
      batchSize: 25,
      pollIntervalMs: 200,
      maxBackoffMs: 1_000,
    })
    const groupId = uniqueGroup('restart')
    const consumer = await consumeEvents({
      kafka,
      groupId,
      events: [invoiceReceived],
      logger: silentLogger,
      sessionTimeoutMs: 10_000,
      handle: (event) =>
        handleOnce(pool, { schema: SCHEMA, consumer: groupId, eventId: event.id }, async (tx) => {
          await tx.query(`INSERT INTO ${SCHEMA}.effects (event_id, invoice_id) VALUES ($1, $2)`, [
            event.id,
            event.invoiceId,
          ])
        }).then(() => undefined),
    })
    await consumer.joined

    const counts = async () => {
      const { rows } = await pool.query<{ total: string; distinct: string; outbox: string }>(
        `SELECT (SELECT count(*) FROM ${SCHEMA}.effects) AS total,
                (SELECT count(DISTINCT event_id) FROM ${SCHEMA}.effects) AS distinct,
                (SELECT count(*) FROM ${SCHEMA}.outbox) AS outbox`,
      )
      return { total: Number(rows[0]!.total), distinct: Number(rows[0]!.distinct), outbox: Number(rows[0]!.outbox) }
    }

    const written: string[] = []
    const write = async (n: number) => {
      for (let i = 0; i < n; i += 10) {
        const events = Array.from({ length: 10 }, anInvoiceReceived)
        await withTransaction(pool, (tx) => enqueueEvents(tx, SCHEMA, events))
        written.push(...events.map((e) => e.id))
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }

    await write(200)
    await broker.stop() // clean shutdown, data kept: a rolling restart
    await write(200) // the API keeps accepting: events wait in the outbox
    expect((await counts()).outbox).toBeGreaterThan(0)
    await broker.start()
    await write(200)

    await expect.poll(async () => (await counts()).distinct, { timeout: 120_000, interval: 250 }).toBe(EVENTS)
    const final = await counts()
    expect(final).toEqual({ total: EVENTS, distinct: EVENTS, outbox: 0 })
    expect(written).toHaveLength(EVENTS)

    await consumer.stop()
    await relay.stop()
    await publisher.disconnect()
  })
})
