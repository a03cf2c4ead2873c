import { describe, expect, it } from 'vitest'
import type { Signer } from '@varco/signature'
import { createIdentityCache } from '../src/adapters/identities/identity-cache.ts'
import type { LoadedSigner } from '../src/adapters/identities/load-identity.ts'
import type { IdentityRecord } from '../src/domain/identities.ts'

const identity = (id: string, version = 1): IdentityRecord => ({
  id,
  version,
  tenantId: 't1',
  transmitter: null,
  spec: { kind: 'pkcs11', tokenLabel: 'firma', keyLabel: 'k', pinSecret: 'pin' },
})

/** A loader of fake token signers that records what it opened and closed. */
function fakeTokens(options: { fail?: boolean } = {}) {
  const opened: string[] = []
  const closed: string[] = []
  const load = async (record: IdentityRecord): Promise<LoadedSigner> => {
    const name = `${record.id}@${record.version}`
    opened.push(name)
    if (options.fail) throw new Error(`token of ${name} away`)
    return {
      toString: () => name,
      close: async () => void closed.push(name),
    } as unknown as LoadedSigner
  }
  return { load, opened, closed }
}

const nameOf = (signer: Signer): Promise<string> => Promise.resolve(String(signer))

describe('the identity cache', () => {
  it('loads an identity once and reuses it, also for concurrent first uses', async () => {
    const tokens = fakeTokens()
    const cache = createIdentityCache({ load: tokens.load, maxEntries: 4 })
    const names = await Promise.all([1, 2, 3].map(() => cache.use(identity('1'), nameOf)))
    expect(names).toEqual(['1@1', '1@1', '1@1'])
    await cache.use(identity('1'), nameOf)
    expect(tokens.opened).toEqual(['1@1'])
  })

  it('loads a changed identity (new version) again and closes the old one', async () => {
    const tokens = fakeTokens()
    const cache = createIdentityCache({ load: tokens.load, maxEntries: 4 })
    await cache.use(identity('1', 1), nameOf)
    expect(await cache.use(identity('1', 2), nameOf)).toBe('1@2')
    await cache.close()
    expect(tokens.opened).toEqual(['1@1', '1@2'])
    expect(tokens.closed).toEqual(['1@1', '1@2'])
  })

  it('closes the least recently used identity beyond its size', async () => {
    const tokens = fakeTokens()
    const cache = createIdentityCache({ load: tokens.load, maxEntries: 2 })
    await cache.use(identity('1'), nameOf)
    await cache.use(identity('2'), nameOf)
    await cache.use(identity('1'), nameOf)
    await cache.use(identity('3'), nameOf)
    await cache.close()
    expect(tokens.closed[0]).toBe('2@1')
    expect(tokens.opened).toEqual(['1@1', '2@1', '3@1'])
  })

  it('never closes an identity under a signature: an evicted one closes when its use ends', async () => {
    const tokens = fakeTokens()
    const cache = createIdentityCache({ load: tokens.load, maxEntries: 4 })
    let finish: () => void = () => undefined
    const signing = cache.use(
      identity('1'),
      (signer) => new Promise<string>((resolve) => (finish = () => resolve(String(signer)))),
    )
    await expect.poll(() => tokens.opened).toEqual(['1@1'])
    cache.evict(identity('1'))
    await Promise.resolve()
    expect(tokens.closed).toEqual([])
    finish()
    expect(await signing).toBe('1@1')
    await cache.close()
    expect(tokens.closed).toEqual(['1@1'])
    expect(cache.size).toBe(0)
  })

  it('keeps no failed load: every use tries again, and nothing is closed', async () => {
    const tokens = fakeTokens({ fail: true })
    const cache = createIdentityCache({ load: tokens.load, maxEntries: 4 })
    await expect(cache.use(identity('1'), nameOf)).rejects.toThrow('token of 1@1 away')
    await expect(cache.use(identity('1'), nameOf)).rejects.toThrow('token of 1@1 away')
    expect(tokens.opened).toEqual(['1@1', '1@1'])
    expect(cache.size).toBe(0)
    await cache.close()
    expect(tokens.closed).toEqual([])
  })

  it('reports an identity that fails to close, and closes the others', async () => {
    const errors: string[] = []
    const cache = createIdentityCache({
      load: async (record) =>
        ({ close: () => Promise.reject(new Error(`close ${record.id}`)) }) as unknown as LoadedSigner,
      maxEntries: 4,
      onCloseError: (err) => void errors.push((err as Error).message),
    })
    await cache.use(identity('1'), async () => undefined)
    await cache.use(identity('2'), async () => undefined)
    await cache.close()
    expect(errors.sort()).toEqual(['close 1', 'close 2'])
  })
})
