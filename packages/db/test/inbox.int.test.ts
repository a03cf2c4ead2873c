import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@varco/testing'
import { createPool, handleOnce, migrateSchema, withTransaction } from '../src/index.ts'
import { silentLogger } from './fixtures.ts'

let db: TestDatabase
let pool: pg.Pool

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({ databaseUrl: db.url, schema: 'svc', logger: silentLogger })
  pool = createPool({ connectionString: db.url, logger: silentLogger })
  await pool.query('CREATE TABLE svc.effects (event_id uuid NOT NULL)')
})

afterAll(async () => {
  await pool.end()
  await db.drop()
})

async function effects(eventId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM svc.effects WHERE event_id = $1', [
    eventId,
  ])
  return Number(rows[0]!.n)
}

const applyEffect = (eventId: string) => async (tx: pg.PoolClient) => {
  await tx.query('INSERT INTO svc.effects (event_id) VALUES ($1)', [eventId])
}

describe('inbox', () => {
  it('applies an event once however often it is delivered', async () => {
    const eventId = randomUUID()
    const options = { schema: 'svc', consumer: 'group-a', eventId }
    expect(await handleOnce(pool, options, applyEffect(eventId))).toBe('applied')
    expect(await handleOnce(pool, options, applyEffect(eventId))).toBe('duplicate')
    expect(await effects(eventId)).toBe(1)
  })

  it('applies the same event once per consumer', async () => {
    const eventId = randomUUID()
    await handleOnce(pool, { schema: 'svc', consumer: 'group-a', eventId }, applyEffect(eventId))
    await handleOnce(pool, { schema: 'svc', consumer: 'group-b', eventId }, applyEffect(eventId))
    expect(await effects(eventId)).toBe(2)
  })

  it('records nothing when the effect fails, so the redelivery applies it', async () => {
    const eventId = randomUUID()
    const options = { schema: 'svc', consumer: 'group-a', eventId }
    await expect(handleOnce(pool, options, () => Promise.reject(new Error('deadlock')))).rejects.toThrow('deadlock')
    expect(await handleOnce(pool, options, applyEffect(eventId))).toBe('applied')
    expect(await effects(eventId)).toBe(1)
  })

  it('lets only one of two concurrent deliveries apply the effect', async () => {
    const eventId = randomUUID()
    const options = { schema: 'svc', consumer: 'group-a', eventId }
    const results = await Promise.all(Array.from({ length: 5 }, () => handleOnce(pool, options, applyEffect(eventId))))
    expect(results.filter((r) => r === 'applied')).toHaveLength(1)
    expect(await effects(eventId)).toBe(1)
  })

  it('rolls back a transaction whose callback throws, and releases its client', async () => {
    const before = pool.totalCount
    await expect(withTransaction(pool, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(pool.totalCount).toBeLessThanOrEqual(Math.max(before, 1))
    expect(pool.waitingCount).toBe(0)
  })
})
