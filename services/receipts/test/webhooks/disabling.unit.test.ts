import { describe, expect, it } from 'vitest'
import { afterAttempt, HEALTHY, type SubscriptionHealth } from '../../src/webhooks/domain/disabling.ts'

const rule = { windowMs: 60_000, minFailures: 3 }
const t0 = new Date('2026-12-01T10:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

function run(outcomes: ReadonlyArray<readonly [boolean, number]>) {
  let health: SubscriptionHealth = HEALTHY
  const kinds: string[] = []
  for (const [ok, ms] of outcomes) {
    const verdict = afterAttempt(rule, health, ok, at(ms))
    kinds.push(verdict.kind)
    health = verdict.health
  }
  return { kinds, health }
}

describe('the disabling rule', () => {
  it('starts the failure record at the first failure', () => {
    expect(afterAttempt(rule, HEALTHY, false, t0)).toEqual({
      kind: 'failing',
      health: { consecutiveFailures: 1, failingSince: t0 },
    })
  })

  it('disables once the window has passed and enough attempts failed in a row', () => {
    const { kinds } = run([
      [false, 0],
      [false, 30_000],
      [false, 60_000],
    ])
    expect(kinds).toEqual(['failing', 'failing', 'disable'])
  })

  it('says why, with the start of the failures and their number', () => {
    const verdict = afterAttempt(rule, { consecutiveFailures: 2, failingSince: t0 }, false, at(90_000))
    expect(verdict).toMatchObject({ kind: 'disable', health: { consecutiveFailures: 3, failingSince: t0 } })
    expect(verdict.kind === 'disable' && verdict.reason).toBe(
      'every delivery attempt failed since 2026-12-01T10:00:00.000Z (3 attempts in a row)',
    )
  })

  it('does not disable on many failures within the window (a burst during a short outage)', () => {
    const { kinds } = run(Array.from({ length: 50 }, (_, i) => [false, i * 1_000] as const))
    expect(kinds).not.toContain('disable')
  })

  it('does not disable on too few failures spread over the window (a quiet endpoint)', () => {
    const { kinds } = run([
      [false, 0],
      [false, 3_600_000],
    ])
    expect(kinds).toEqual(['failing', 'failing'])
  })

  it('resets on any success: the window and the count start again', () => {
    const { kinds, health } = run([
      [false, 0],
      [false, 50_000],
      [true, 55_000],
      [false, 70_000],
      [false, 100_000],
    ])
    expect(kinds).toEqual(['failing', 'failing', 'healthy', 'failing', 'failing'])
    expect(health).toEqual({ consecutiveFailures: 2, failingSince: at(70_000) })
  })

  it('a success from healthy stays healthy', () => {
    expect(afterAttempt(rule, HEALTHY, true, t0)).toEqual({ kind: 'healthy', health: HEALTHY })
  })

  it('with a zero window, disables at the minimum count', () => {
    const zero = { windowMs: 0, minFailures: 2 }
    const first = afterAttempt(zero, HEALTHY, false, t0)
    expect(first.kind).toBe('failing')
    expect(afterAttempt(zero, first.health, false, t0).kind).toBe('disable')
  })
})
