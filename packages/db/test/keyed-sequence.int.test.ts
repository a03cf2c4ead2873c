import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@varco/testing'
import { createPool, migrateSchema, nextInSequence, withTransaction } from '../src/index.ts'
import { silentLogger } from './fixtures.ts'

let db: TestDatabase
let pools: pg.Pool[]

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({ databaseUrl: db.url, schema: 'seq', logger: silentLogger })
  // Three pools stand for three processes: they share nothing but the database.
  pools = [1, 2, 3].map(() => createPool({ connectionString: db.url, logger: silentLogger, max: 4 }))
})

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()))
  await db.drop()
})

describe('nextInSequence', () => {
  it('counts from 1, separately per key', async () => {
    const pool = pools[0]!
    expect(await withTransaction(pool, (tx) => nextInSequence(tx, 'seq', 'IT01234567890'))).toBe(1n)
    expect(await withTransaction(pool, (tx) => nextInSequence(tx, 'seq', 'IT01234567890'))).toBe(2n)
    expect(await withTransaction(pool, (tx) => nextInSequence(tx, 'seq', 'IT09876543210'))).toBe(1n)
  })

  it('never hands the same value to concurrent callers', async () => {
    const calls = Array.from({ length: 300 }, (_, i) =>
      withTransaction(pools[i % 3]!, (tx) => nextInSequence(tx, 'seq', 'concurrent')),
    )
    const values = (await Promise.all(calls)).map(Number).sort((a, b) => a - b)
    expect(values).toEqual(Array.from({ length: 300 }, (_, i) => i + 1))
  })

  it('gives a value back only when its transaction rolled back', async () => {
    const pool = pools[0]!
    const first = await withTransaction(pool, (tx) => nextInSequence(tx, 'seq', 'rollback'))
    await expect(
      withTransaction(pool, async (tx) => {
        await nextInSequence(tx, 'seq', 'rollback')
        throw new Error('signing failed')
      }),
    ).rejects.toThrow('signing failed')
    expect(await withTransaction(pool, (tx) => nextInSequence(tx, 'seq', 'rollback'))).toBe(first + 1n)
  })
})
