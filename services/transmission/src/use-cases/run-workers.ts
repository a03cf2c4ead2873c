import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '@varco/observability'

/** What one worker turn did: nothing due, a call made, or calls held back until `until`. */
export type WorkerTurn =
  { readonly kind: 'idle' } | { readonly kind: 'called' } | { readonly kind: 'held'; readonly until: Date }

export interface WorkerOptions {
  /** What the loops do: the workers of one queue (transmissions, outcomes). */
  readonly name: string
  readonly turn: () => Promise<WorkerTurn>
  readonly workers: number
  readonly pollMs: number
  /** Puts back in the queue the calls a dead process left open; returns how many. */
  readonly recover: () => Promise<number>
  readonly recoverEveryMs: number
  readonly logger: Logger
}

export interface RunningWorkers {
  stop(): Promise<void>
}

/**
 * Runs `workers` loops over one queue and its recovery sweep. A loop that finds nothing due, or is held back, sleeps;
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
        options.logger.error({ err, queue: options.name }, 'worker turn failed')
        await pause(options.pollMs * 4)
      }
    }
  }

  async function sweep(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const found = await options.recover()
        if (found > 0) options.logger.warn({ found, queue: options.name }, 'interrupted calls recovered')
      } catch (err) {
        options.logger.error({ err, queue: options.name }, 'recovery sweep failed')
      }
      await pause(options.recoverEveryMs)
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
