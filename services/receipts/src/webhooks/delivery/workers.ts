import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '@varco/observability'

export interface WorkerLoopOptions {
  readonly turn: () => Promise<'worked' | 'idle'>
  readonly workers: number
  /** How long an idle worker waits before looking again, unless woken. */
  readonly pollMs: number
  readonly logger: Logger
}

export interface RunningWorkers {
  /** Wakes idle workers now (the consumer just queued deliveries). */
  readonly wake: () => void
  /** Lets each worker finish its attempt in flight, then resolves. */
  readonly stop: () => Promise<void>
}

/**
 * Runs `workers` delivery loops. An idle loop sleeps until woken or `pollMs` passed; an error (the database
 * restarting) is logged and the loop carries on after a pause: nothing is lost, since a delivery's outcome is only
 * recorded in the transaction that ends its attempt, and an unrecorded attempt's lease runs out.
 */
export function runWebhookWorkers(options: WorkerLoopOptions): RunningWorkers {
  const stopping = new AbortController()
  let wakeUp = new AbortController()

  async function pause(ms: number): Promise<void> {
    const signal = AbortSignal.any([stopping.signal, wakeUp.signal])
    await sleep(ms, undefined, { signal }).catch(() => undefined)
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        if ((await options.turn()) === 'idle') await pause(options.pollMs)
      } catch (err) {
        options.logger.error({ err }, 'webhook delivery turn failed')
        await pause(options.pollMs * 4)
      }
    }
  }

  const running = Array.from({ length: options.workers }, () => loop())
  return {
    wake: () => {
      const woken = wakeUp
      wakeUp = new AbortController()
      woken.abort()
    },
    stop: async () => {
      stopping.abort()
      await Promise.all(running)
    },
  }
}
