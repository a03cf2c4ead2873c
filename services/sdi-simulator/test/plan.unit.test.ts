import { describe, expect, it } from 'vitest'
import { planOutcome, scaledWindows, SDI_WINDOWS, type OutcomeScript, type Windows } from '../src/domain/plan.ts'

const w: Windows = {
  processingMs: 1,
  retryMs: 10,
  decisionMs: 100,
  acceptanceMs: 1000,
  attestationMs: 500,
  notificationRetryMs: 50,
}
const plan = (formato: 'FPA12' | 'FPR12', script: OutcomeScript) =>
  planOutcome(formato, script, w).map((step) => `${step.afterMs}:${step.message}${step.esito ? `(${step.esito})` : ''}`)

describe('the outcome plan of an accepted file (FACTS.md §8)', () => {
  it.each([
    // FPA12: RC then the administration's outcome, or DT when it does not answer in 15 days
    ['FPA12', 'deliver', 'EC01', ['1:RC', '101:NE(EC01)']],
    ['FPA12', 'deliver', 'EC02', ['1:RC', '101:NE(EC02)']],
    ['FPA12', 'deliver', 'none', ['1:RC', '1001:DT']],
    // FPA12 not delivered: MC, then AT after 10 days; or delivered on a later attempt, and then as above
    ['FPA12', 'undeliverable', 'EC01', ['1:MC', '501:AT']],
    ['FPA12', 'deliver-late', 'EC01', ['1:MC', '11:RC', '111:NE(EC01)']],
    ['FPA12', 'deliver-late', 'none', ['1:MC', '11:RC', '1011:DT']],
    // FPR12: RC or MC, and nothing after; the outcome script does not apply
    ['FPR12', 'deliver', 'EC02', ['1:RC']],
    ['FPR12', 'undeliverable', 'EC01', ['1:MC']],
    ['FPR12', 'deliver-late', 'none', ['1:MC']],
  ] as const)('%s, %s, %s: %j', (formato, delivery, esito, expected) => {
    expect(plan(formato, { delivery, esito })).toEqual(expected)
  })

  it('compresses SdI’s windows by the time scale', () => {
    const scaled = scaledWindows(86_400)
    expect(scaled.acceptanceMs).toBe(15_000)
    expect(scaled.attestationMs).toBe(10_000)
    expect(scaledWindows(1)).toEqual(SDI_WINDOWS)
  })

  it.each([0, -1, Number.NaN])('refuses a time scale of %s', (scale) => {
    expect(() => scaledWindows(scale)).toThrow(RangeError)
  })

  it('delivers a late PA invoice before SdI would attest it undeliverable', () => {
    const slowRetry = { ...w, retryMs: 10_000 }
    const steps = planOutcome('FPA12', { delivery: 'deliver-late', esito: 'EC01' }, slowRetry)
    expect(steps[1]).toEqual({ afterMs: 251, message: 'RC' })
  })
})
