import { describe, expect, it } from 'vitest'
import { afterCall, reconcileAfter, type CallOutcome } from '../src/domain/attempts.ts'

const now = new Date('2026-12-01T10:00:00Z')
const deadline = new Date('2026-12-13T23:00:00Z')
const policy = { backoff: { initialMs: 1000, maxMs: 60_000 } }
const half = () => 0.5
const unavailable = (reason: 'EI02' | 'network' | 'timeout' | 'http-5xx'): CallOutcome => ({
  kind: 'unavailable',
  reason,
  detail: 'x',
})

describe('the next step after a RiceviFile call', () => {
  it('records SdI’s id and reception time when it took the file', () => {
    const outcome = { kind: 'accepted', identificativoSdI: '4711', dataOraRicezione: '2026-12-01T10:00:01Z' } as const
    expect(afterCall(outcome, 1, now, deadline, policy)).toEqual({ status: 'transmitted', ...outcome })
  })

  it.each(['EI01', 'EI03'] as const)('fails for good on %s, with a clear cause', (errore) => {
    const next = afterCall({ kind: 'refused', errore }, 1, now, deadline, policy)
    expect(next).toMatchObject({ status: 'failed', cause: errore, message: expect.stringContaining(errore) as unknown })
  })

  it.each(['EI02', 'network', 'timeout', 'http-5xx'] as const)('retries %s with exponential backoff', (reason) => {
    const delays = [1, 2, 3, 10].map((attempt) => {
      const next = afterCall(unavailable(reason), attempt, now, deadline, policy, half)
      return next.status === 'waiting' ? next.retryAt.getTime() - now.getTime() : undefined
    })
    // Jitter at its midpoint gives three quarters of each step: 1 s, 2 s, 4 s, ... capped at 60 s.
    expect(delays).toEqual([750, 1500, 3000, 45_000])
  })

  it('spreads retries with jitter, within half a step and a step', () => {
    const at = (random: number) => afterCall(unavailable('EI02'), 3, now, deadline, policy, () => random)
    expect(at(0)).toMatchObject({ retryAt: new Date(now.getTime() + 2000) })
    expect(at(1)).toMatchObject({ retryAt: new Date(now.getTime() + 4000) })
  })

  it('stops retrying when the next attempt would fall after the legal deadline', () => {
    const close = new Date(now.getTime() + 500)
    expect(afterCall(unavailable('timeout'), 1, now, close, policy, half)).toMatchObject({
      status: 'failed',
      cause: 'deadline_passed',
    })
  })

  it('waits the reconciliation window from the interrupted call before sending again', () => {
    expect(reconcileAfter(now, 600_000)).toEqual(new Date('2026-12-01T10:10:00Z'))
  })
})
