import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createPool, enqueueEvents, migrateSchema, withTransaction } from '@varco/db'
import { createKafkaClient, ensureTopics } from '@varco/kafka'
import { topicFor } from '@varco/contracts'
import { createTestDatabase, startNodeProcess, uniqueGroup, type NodeProcess, type TestDatabase } from '@varco/testing'
import { anInvoiceReceived, createEffectsTable, effectCounts, harness, logLine, silentLogger } from './fixtures.ts'

const EVENTS = 1_000
const SCHEMA = 'flow'
let db: TestDatabase
let pool: pg.Pool
const processes: NodeProcess[] = []

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({ databaseUrl: db.url, schema: SCHEMA, logger: silentLogger })
  pool = createPool({ connectionString: db.url, logger: silentLogger })
  await createEffectsTable(pool, SCHEMA)
})

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill('SIGKILL')))
  await pool.end()
  await db.drop()
})

describe('outbox to consumer across processes', () => {
  it('applies every one of 1,000 events exactly once while the relay and the consumer are SIGKILLed', async () => {
    // A topic namespace of its own keeps this run apart from others on a shared broker.
    const prefix = `test-${randomUUID()}`
    const topic = topicFor('invoice.received', 1, prefix)
    const kafka = createKafkaClient({
      brokers: inject('kafkaBrokers').split(','),
      clientId: 'test',
      logger: silentLogger,
    })
    await ensureTopics(kafka, [{ topic, partitions: 6 }])
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: inject('kafkaBrokers'),
      OUTBOX_SCHEMA: SCHEMA,
      EFFECT_SCHEMA: SCHEMA,
      TOPIC: topic,
      TOPIC_PREFIX: prefix,
      GROUP_ID: uniqueGroup('exactly-once'),
      HANDLER_DELAY_MS: '3',
      RELAY_BATCH_SIZE: '20',
      SESSION_TIMEOUT_MS: '6000',
    }
    const start = (script: string, ready: string) => {
      const p = startNodeProcess(script, env)
      processes.push(p)
      return p.waitForLine(logLine(ready)).then(() => p)
    }

    let consumer = await start(harness.consumer, 'consumer joined')
    let relay = await start(harness.relay, 'relay ready')

    const written: string[] = []
    const writer = (async () => {
      for (let batch = 0; batch < EVENTS / 10; batch++) {
        const events = Array.from({ length: 10 }, anInvoiceReceived)
        await withTransaction(pool, async (tx) => {
          await tx.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.sources (id text)`)
          await tx.query(`INSERT INTO ${SCHEMA}.sources SELECT unnest($1::text[])`, [events.map((e) => e.invoiceId)])
          await enqueueEvents(tx, SCHEMA, events)
        })
        written.push(...events.map((e) => e.id))
        await new Promise((resolve) => setTimeout(resolve, 15))
      }
    })()

    const appliedOfThisRun = async () => {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(DISTINCT event_id) AS n FROM ${SCHEMA}.effects WHERE event_id = ANY($1::uuid[])`,
        [written],
      )
      return Number(rows[0]!.n)
    }

    await expect.poll(appliedOfThisRun, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(150)
    await relay.kill('SIGKILL')
    expect(await appliedOfThisRun()).toBeLessThan(EVENTS) // killed mid-stream, not after the fact
    relay = await start(harness.relay, 'relay ready')

    await expect.poll(appliedOfThisRun, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(450)
    await consumer.kill('SIGKILL')
    expect(await appliedOfThisRun()).toBeLessThan(EVENTS)
    consumer = await start(harness.consumer, 'consumer joined')

    await writer
    await expect.poll(appliedOfThisRun, { timeout: 120_000, interval: 200 }).toBe(EVENTS)

    const { rows } = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM flow.effects WHERE event_id = ANY($1::uuid[])',
      [written],
    )
    expect(Number(rows[0]!.n)).toBe(EVENTS) // each applied exactly once, despite redeliveries after the kills
    expect((await effectCounts(pool, SCHEMA)).total).toBe((await effectCounts(pool, SCHEMA)).distinct)
    const outbox = await pool.query<{ n: string }>('SELECT count(*) AS n FROM flow.outbox')
    expect(Number(outbox.rows[0]!.n)).toBe(0)
    await Promise.all([relay.kill(), consumer.kill()])
  })
})
