import type { Signer } from '@varco/signature'
import type { IdentityRecord } from '../../domain/identities.ts'
import type { LoadedSigner } from './load-identity.ts'

/** Loaded identities, reused across invoices: a PKCS#12 decryption costs milliseconds, a token login much more. */
export interface IdentityCache {
  /** Runs `fn` with the identity's signer, loading it on first use; the signer stays open while `fn` runs. */
  use<T>(identity: IdentityRecord, fn: (signer: Signer) => Promise<T>): Promise<T>
  /** Drops the identity (a token that failed mid-session): the next use loads it again. */
  evict(identity: IdentityRecord): void
  /** Identities currently held. */
  readonly size: number
  /** Closes every identity (token sessions); for shutdown, once no consumer uses the cache any more. */
  close(): Promise<void>
}

export interface IdentityCacheOptions {
  readonly load: (identity: IdentityRecord) => Promise<LoadedSigner>
  /** Identities kept; the least recently used one is closed beyond it. */
  readonly maxEntries: number
  readonly onCloseError?: (err: unknown, identity: IdentityRecord) => void
}

interface Entry {
  readonly identity: IdentityRecord
  readonly signer: Promise<LoadedSigner>
  leases: number
  retired: boolean
}

/**
 * An LRU cache of loaded identities keyed by identity id and version: an identity an operator changed (new version)
 * is loaded again and the old one closed, whichever replica made the change. A failed load is not kept. An entry
 * evicted while a signature is under way is closed when that signature is done, never under it.
 */
export function createIdentityCache(options: IdentityCacheOptions): IdentityCache {
  const entries = new Map<string, Entry>()
  const closing = new Set<Promise<void>>()

  const closeEntry = (entry: Entry): void => {
    // An identity that never loaded has nothing to close.
    const done = entry.signer
      .then(
        (signer) => signer.close?.(),
        () => undefined,
      )
      .catch((err: unknown) => options.onCloseError?.(err, entry.identity))
      .finally(() => closing.delete(done))
    closing.add(done)
  }

  const retire = (entry: Entry): void => {
    if (entries.get(entry.identity.id) === entry) entries.delete(entry.identity.id)
    if (entry.retired) return
    entry.retired = true
    if (entry.leases === 0) closeEntry(entry)
  }

  const entryFor = (identity: IdentityRecord): Entry => {
    const cached = entries.get(identity.id)
    if (cached !== undefined && cached.identity.version === identity.version) {
      entries.delete(identity.id)
      entries.set(identity.id, cached)
      return cached
    }
    if (cached !== undefined) retire(cached)
    const entry: Entry = { identity, signer: options.load(identity), leases: 0, retired: false }
    entries.set(identity.id, entry)
    // A failed load is forgotten at once (its waiters get the error): the next use tries again.
    entry.signer.catch(() => {
      if (entries.get(identity.id) === entry) entries.delete(identity.id)
    })
    for (const oldest of entries.values()) {
      if (entries.size <= options.maxEntries) break
      retire(oldest)
    }
    return entry
  }

  return {
    async use(identity, fn) {
      const entry = entryFor(identity)
      entry.leases++
      try {
        return await fn(await entry.signer)
      } finally {
        entry.leases--
        if (entry.retired && entry.leases === 0) closeEntry(entry)
      }
    },
    evict(identity) {
      const entry = entries.get(identity.id)
      if (entry !== undefined) retire(entry)
    },
    get size() {
      return entries.size
    },
    async close() {
      for (const entry of [...entries.values()]) retire(entry)
      while (closing.size > 0) await Promise.all(closing)
    },
  }
}
