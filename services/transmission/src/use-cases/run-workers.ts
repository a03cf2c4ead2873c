import { setTimeout as sleep } from 'node:timers/promises'
import type pg from 'pg'
import type { Logger } from '@varco/observability'
import { recoverInterrupted } from '../adapters/pg/transmissions.ts'
import type { Turn } from './transmit-next.ts'

export interface WorkerOptions {
  readonly pool: pg.Pool
  readonly schema: string
  readonly turn: () => Promise<Turn>
  readonly workers: number
  readonly pollMs: number
  /** A call still 'calling' this long after it started belongs to a process that died. */
  readonly staleCallMs: number
  readonly reconciliationWindowMs: number
  readonly logger: Logger
  readonly now: () => Date
}

export interface RunningWorkers {
  stop(): Promise<void>
}

/**
 * Runs `workers` transmission loops and a recovery sweep. A loop that finds nothing due, or is held back, sleeps;
 * an error (the database restarting) is logged and the loop carries on after a pause: nothing is lost, since an
 * invoice is only ever marked done in the transaction that records its outcome.
 */
export function runWorkers(options: WorkerOptions): RunningWorkers {
  const stopping = new AbortController()
  const pause = (ms: number) => sleep(ms, undefined, { signal: stopping.signal }).catch(() => undefined)

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const turn = await options.turn()
        if (turn.kind === 'idle') await pause(options.pollMs)
        else if (turn.kind === 'held')
          await pause(Math.max(10, Math.min(options.pollMs, turn.until.getTime() - Date.now())))
      } catch (err) {
        options.logger.error({ err }, 'transmission turn failed')
        await pause(options.pollMs * 4)
      }
    }
  }

  async function sweep(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const staleBefore = new Date(options.now().getTime() - options.staleCallMs)
        const found = await recoverInterrupted(
          options.pool,
          options.schema,
          staleBefore,
          options.reconciliationWindowMs,
        )
        if (found > 0) options.logger.warn({ found }, 'interrupted calls wait for reconciliation')
      } catch (err) {
        options.logger.error({ err }, 'recovery sweep failed')
      }
      await pause(Math.max(1000, options.staleCallMs / 2))
    }
  }

  const running = [sweep(), ...Array.from({ length: options.workers }, () => loop())]
  return {
    stop: async () => {
      stopping.abort()
      await Promise.all(running)
    },
  }
}
