import { setTimeout as sleep } from 'node:timers/promises'
import type pg from 'pg'
import type { Logger } from '@varco/observability'
import { purgeIdempotencyKeys } from '../adapters/pg/idempotency-repository.ts'

export interface IdempotencyPurgeOptions {
  readonly pool: pg.Pool
  readonly retentionMs: number
  readonly everyMs: number
  readonly logger: Logger
  readonly now: () => Date
}

/**
 * Forgets expired Idempotency-Keys now and then, so the table holds about a retention's worth of keys. Replicas may
 * all run it: deleting a row twice is nothing. A failure (the database restarting) is logged and tried next time.
 */
export function startIdempotencyPurge(options: IdempotencyPurgeOptions): { stop(): Promise<void> } {
  const stopping = new AbortController()
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        const purged = await purgeIdempotencyKeys(options.pool, new Date(options.now().getTime() - options.retentionMs))
        if (purged > 0) options.logger.info({ purged }, 'expired idempotency keys purged')
      } catch (err) {
        options.logger.warn({ err }, 'idempotency key purge failed; will retry')
      }
      await sleep(options.everyMs, undefined, { signal: stopping.signal }).catch(() => undefined)
    }
  })()
  return {
    stop: async () => {
      stopping.abort()
      await loop
    },
  }
}
