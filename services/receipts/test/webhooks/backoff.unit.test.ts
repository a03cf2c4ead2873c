import { describe, expect, it } from 'vitest'
import { baseDelayMs, nextRetry, type RetryPolicy } from '../../src/webhooks/domain/backoff.ts'

const policy: RetryPolicy = { initialMs: 1_000, maxMs: 60_000, windowMs: 3 * 86_400_000 }
const createdAt = new Date('2026-12-01T00:00:00Z')
const at = (ms: number) => new Date(createdAt.getTime() + ms)

describe('the backoff schedule', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => baseDelayMs(policy, n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ])
  })

  it('stays at the cap for any number of attempts, without overflowing', () => {
    expect(baseDelayMs(policy, 10_000)).toBe(60_000)
    expect(baseDelayMs(policy, Number.MAX_SAFE_INTEGER)).toBe(60_000)
  })

  it('treats an attempt count below one as the first', () => {
    expect(baseDelayMs(policy, 0)).toBe(1_000)
    expect(baseDelayMs(policy, -3)).toBe(1_000)
  })

  it('draws the jittered delay between half and all of the base delay', () => {
    const now = at(10_000)
    const low = nextRetry(policy, { attempts: 3, createdAt }, now, () => 0)
    const high = nextRetry(policy, { attempts: 3, createdAt }, now, () => 1)
    const middle = nextRetry(policy, { attempts: 3, createdAt }, now, () => 0.5)
    expect(low).toEqual({ kind: 'retry', at: at(10_000 + 2_000) })
    expect(high).toEqual({ kind: 'retry', at: at(10_000 + 4_000) })
    expect(middle).toEqual({ kind: 'retry', at: at(10_000 + 3_000) })
  })

  it('clamps a random source that strays outside [0, 1]', () => {
    const now = at(0)
    expect(nextRetry(policy, { attempts: 1, createdAt }, now, () => -5)).toEqual({ kind: 'retry', at: at(500) })
    expect(nextRetry(policy, { attempts: 1, createdAt }, now, () => 7)).toEqual({ kind: 'retry', at: at(1_000) })
  })

  it('keeps every retry of a long outage within the window, the last one at its end', () => {
    let now = at(0)
    const attempts: Date[] = []
    for (let attempt = 1; attempt < 10_000; attempt++) {
      const step = nextRetry(policy, { attempts: attempt, createdAt }, now, Math.random)
      if (step.kind === 'failed') break
      expect(step.at.getTime()).toBeGreaterThan(now.getTime())
      now = step.at
      attempts.push(now)
    }
    expect(attempts.at(-1)).toEqual(at(policy.windowMs))
    expect(attempts.every((date) => date.getTime() <= createdAt.getTime() + policy.windowMs)).toBe(true)
    // Three days at a one-minute cap: thousands of tries, none skipped or bunched at the start.
    expect(attempts.length).toBeGreaterThan(4_000)
  })

  it('fails the delivery once an attempt fails at or after the window end', () => {
    expect(nextRetry(policy, { attempts: 9, createdAt }, at(policy.windowMs), () => 0.5)).toEqual({ kind: 'failed' })
    expect(nextRetry(policy, { attempts: 9, createdAt }, at(policy.windowMs + 1), () => 0.5)).toEqual({
      kind: 'failed',
    })
    expect(nextRetry(policy, { attempts: 9, createdAt }, at(policy.windowMs - 1), () => 0.5)).toEqual({
      kind: 'retry',
      at: at(policy.windowMs),
    })
  })
})
