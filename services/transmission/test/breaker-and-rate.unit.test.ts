import { describe, expect, it } from 'vitest'
import { admit, CLOSED, openUntil, record, type BreakerState } from '../src/domain/circuit-breaker.ts'
import { fullBucket, take } from '../src/domain/rate-limit.ts'

const policy = { threshold: 3, coolDownMs: 10_000 }

describe('the circuit breaker of the SdI channel', () => {
  it('opens after the threshold of failures in a row, and a success in between resets the count', () => {
    let breaker: BreakerState = CLOSED
    breaker = record(breaker, true, 0, policy)
    breaker = record(breaker, true, 0, policy)
    breaker = record(breaker, false, 0, policy)
    expect(breaker).toEqual(CLOSED)
    for (let i = 0; i < 3; i++) breaker = record(breaker, true, 100, policy)
    expect(breaker).toEqual({ state: 'open', until: 10_100 })
    expect(admit(breaker, 5000).allowed).toBe(false)
    expect(openUntil(breaker)).toBe(10_100)
  })

  it('lets one trial through after the cool-down; its success closes, its failure opens again', () => {
    const open: BreakerState = { state: 'open', until: 1000 }
    const trial = admit(open, 1000)
    expect(trial).toEqual({ allowed: true, next: { state: 'half-open' } })
    expect(admit(trial.next, 1001).allowed).toBe(false)
    expect(record(trial.next, false, 1200, policy)).toEqual(CLOSED)
    expect(record(trial.next, true, 1200, policy)).toEqual({ state: 'open', until: 11_200 })
  })
})

describe('the rate limit of a channel', () => {
  const rate = { ratePerSecond: 10, burst: 2 }

  it('allows a burst, then one call per 1/rate seconds', () => {
    let bucket = fullBucket(rate, 0)
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      const taken = take(bucket, 0, rate)
      waits.push(taken.waitMs)
      bucket = taken.next
    }
    expect(waits).toEqual([0, 0, 100])
    expect(take(bucket, 100, rate).waitMs).toBe(0)
  })

  it('never holds more than the burst, however long it was idle', () => {
    const idle = take(fullBucket(rate, 0), 60_000, rate)
    expect(idle.next.tokens).toBe(1)
  })
})
