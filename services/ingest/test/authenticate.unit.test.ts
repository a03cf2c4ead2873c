import type pg from 'pg'
import { describe, expect, it } from 'vitest'
import { generateApiKey, hashApiKey } from '../src/domain/api-key.ts'
import { authenticateWith } from '../src/use-cases/authenticate.ts'

/** A pool that knows some key hashes (the live keys) and counts lookups. */
function fakePool(live: Map<string, string>) {
  const calls = { count: 0 }
  const pool = {
    query: async (_sql: string, [hash]: [Buffer]) => {
      calls.count++
      const tenant = live.get(hash.toString('hex'))
      return { rows: tenant === undefined ? [] : [{ id: 'key-1', tenant_id: tenant }] }
    },
  } as unknown as pg.Pool
  return { pool, calls }
}

describe('authenticateWith', () => {
  it('remembers a live key for the TTL, then looks it up again (a revocation shows within the TTL)', async () => {
    const key = generateApiKey()
    const live = new Map([[hashApiKey(key).toString('hex'), 'acme']])
    const { pool, calls } = fakePool(live)
    let now = 1_000
    const authenticate = authenticateWith(pool, { cacheTtlMs: 5_000, now: () => now })
    expect(await authenticate(key)).toEqual({ tenantId: 'acme', keyId: 'key-1' })
    expect(await authenticate(key)).toEqual({ tenantId: 'acme', keyId: 'key-1' })
    expect(calls.count).toBe(1)
    live.clear() // revoked
    now += 4_999
    expect(await authenticate(key)).toBeDefined()
    now += 2
    expect(await authenticate(key)).toBeUndefined()
    expect(calls.count).toBe(2)
  })

  it('never remembers unknown keys, looks every key up with a TTL of 0, and refuses malformed keys without a query', async () => {
    const key = generateApiKey()
    const live = new Map<string, string>()
    const { pool, calls } = fakePool(live)
    const authenticate = authenticateWith(pool, { cacheTtlMs: 0 })
    expect(await authenticate(key)).toBeUndefined()
    live.set(hashApiKey(key).toString('hex'), 'acme')
    expect(await authenticate(key)).toBeDefined()
    expect(await authenticate(key)).toBeDefined()
    expect(calls.count).toBe(3)
    expect(await authenticate('vk_live_short')).toBeUndefined()
    expect(calls.count).toBe(3)
  })

  it('keeps at most cacheSize keys', async () => {
    const keys = Array.from({ length: 3 }, generateApiKey)
    const { pool, calls } = fakePool(new Map(keys.map((k) => [hashApiKey(k).toString('hex'), 't'])))
    const authenticate = authenticateWith(pool, { cacheTtlMs: 60_000, cacheSize: 2 })
    for (const key of keys) await authenticate(key)
    await authenticate(keys[2]!)
    await authenticate(keys[0]!) // evicted first
    expect(calls.count).toBe(4)
  })
})
