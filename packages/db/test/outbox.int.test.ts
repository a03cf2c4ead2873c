import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@varco/testing'
import {
  createPool,
  enqueueEvents,
  migrateSchema,
  startOutboxRelay,
  withTransaction,
  type OutboxMessage,
  type OutboxRelay,
} from '../src/index.ts'
import { anInvoiceReceived, silentLogger } from './fixtures.ts'

let db: TestDatabase
let pool: pg.Pool
const relays: OutboxRelay[] = []

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({ databaseUrl: db.url, schema: 'svc', logger: silentLogger })
  pool = createPool({ connectionString: db.url, logger: silentLogger })
})

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()))
  await pool.end()
  await db.drop()
})

function relay(
  publish: (messages: readonly OutboxMessage[]) => Promise<void>,
  pollIntervalMs = 60_000,
  batchSize = 100,
) {
  const started = startOutboxRelay({
    pool,
    connectionString: db.url,
    schema: 'svc',
    publish,
    logger: silentLogger,
    pollIntervalMs,
    batchSize,
  })
  relays.push(started)
  return started
}

async function stopAll() {
  await Promise.all(relays.splice(0).map((r) => r.stop()))
}

async function outboxCount(): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM svc.outbox')
  return Number(rows[0]!.n)
}

describe('migrateSchema', () => {
  it('is idempotent and safe when replicas migrate at the same time', async () => {
    const options = { databaseUrl: db.url, schema: 'twice', logger: silentLogger }
    await Promise.all([migrateSchema(options), migrateSchema(options), migrateSchema(options)])
    await migrateSchema(options)
    const { rows } = await pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'twice' ORDER BY 1`,
    )
    expect(rows.map((row: { table_name: string }) => row.table_name)).toEqual([
      'inbox',
      'keyed_sequences',
      'outbox',
      'platform_migrations',
    ])
  })

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(
      migrateSchema({ databaseUrl: db.url, schema: 'x; DROP TABLE y', logger: silentLogger }),
    ).rejects.toMatchObject({
      code: 'DB_ERR_IDENTIFIER',
    })
  })
})

describe('outbox and relay', () => {
  it('publishes committed events with routing and type headers, then deletes them', async () => {
    const published: OutboxMessage[] = []
    const event = anInvoiceReceived()
    await withTransaction(pool, (tx) => enqueueEvents(tx, 'svc', [event]))
    const r = relay(async (messages) => void published.push(...messages))
    await r.drained()
    expect(published).toHaveLength(1)
    expect(published[0]).toMatchObject({
      topic: 'varco.invoice.received.v1',
      key: event.invoiceId,
      headers: { 'event-id': event.id, 'event-type': 'invoice.received', 'event-version': '1' },
    })
    expect(JSON.parse(published[0]!.value)).toEqual(event)
    expect(await outboxCount()).toBe(0)
    await stopAll()
  })

  it('publishes nothing for a transaction that rolled back', async () => {
    await expect(
      withTransaction(pool, async (tx) => {
        await enqueueEvents(tx, 'svc', [anInvoiceReceived()])
        throw new Error('business rule failed')
      }),
    ).rejects.toThrow('business rule failed')
    expect(await outboxCount()).toBe(0)
  })

  it('wakes on NOTIFY at commit, long before its poll interval', async () => {
    const published: OutboxMessage[] = []
    const r = relay(async (messages) => void published.push(...messages), 600_000)
    await r.drained()
    const event = anInvoiceReceived()
    await withTransaction(pool, (tx) => enqueueEvents(tx, 'svc', [event]))
    await expect.poll(() => published.map((m) => m.headers['event-id']), { timeout: 5_000 }).toEqual([event.id])
    await stopAll()
  })

  it('keeps events while publishing fails and publishes them once it recovers', async () => {
    const events = Array.from({ length: 25 }, () => anInvoiceReceived())
    await withTransaction(pool, (tx) => enqueueEvents(tx, 'svc', events))
    let failures = 3
    const published: OutboxMessage[] = []
    relay(async (messages) => {
      if (failures-- > 0) throw Object.assign(new Error('broker down'), { code: 'ECONNREFUSED' })
      published.push(...messages)
    }, 100)
    await expect.poll(() => published.length, { timeout: 10_000 }).toBe(25)
    expect(new Set(published.map((m) => m.headers['event-id']))).toEqual(new Set(events.map((e) => e.id)))
    expect(await outboxCount()).toBe(0)
    await stopAll()
  })

  it('lets several relays share the outbox without publishing a row twice', async () => {
    const events = Array.from({ length: 1_000 }, () => anInvoiceReceived())
    for (let i = 0; i < events.length; i += 100) {
      await withTransaction(pool, (tx) => enqueueEvents(tx, 'svc', events.slice(i, i + 100)))
    }
    const seen: string[] = []
    const slowPublish = async (messages: readonly OutboxMessage[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      seen.push(...messages.map((m) => m.headers['event-id']!))
    }
    relay(slowPublish, 50, 50)
    relay(slowPublish, 50, 50)
    relay(slowPublish, 50, 50)
    await expect.poll(() => seen.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1_000)
    await stopAll()
    expect(seen).toHaveLength(1_000)
    expect(new Set(seen).size).toBe(1_000)
  })
})
