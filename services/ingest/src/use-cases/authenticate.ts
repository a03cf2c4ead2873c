import type pg from 'pg'
import { findPrincipal, type Principal } from '../adapters/pg/tenant-repository.ts'
import { hashApiKey, isApiKeyShaped } from '../domain/api-key.ts'

/** Who holds an API key: its tenant and id; undefined for a malformed, unknown or revoked key. */
export type Authenticate = (key: string) => Promise<Principal | undefined>

export interface AuthenticateOptions {
  /**
   * How long a live key's principal is remembered (0: every request looks the key up). A revoked key keeps working
   * for at most this long on each replica; in exchange, most requests make no query to authenticate.
   */
  readonly cacheTtlMs: number
  /** The most keys remembered; the oldest go first. */
  readonly cacheSize?: number
  readonly now?: () => number
}

/**
 * Looks keys up by their hash (a malformed key is refused without a query) and remembers live ones for a short
 * while. Unknown and revoked keys are never remembered: a new key works at once, a revoked one stops within the TTL.
 */
export function authenticateWith(pool: pg.Pool, options: AuthenticateOptions): Authenticate {
  const { cacheTtlMs, cacheSize = 10_000, now = Date.now } = options
  const cache = new Map<string, { readonly principal: Principal; readonly until: number }>()
  return async (key) => {
    if (!isApiKeyShaped(key)) return undefined
    const hash = hashApiKey(key)
    const id = hash.toString('base64')
    const cached = cache.get(id)
    if (cached !== undefined && cached.until > now()) return cached.principal
    cache.delete(id)
    const principal = await findPrincipal(pool, hash)
    if (principal !== undefined && cacheTtlMs > 0) {
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!)
      cache.set(id, { principal, until: now() + cacheTtlMs })
    }
    return principal
  }
}
