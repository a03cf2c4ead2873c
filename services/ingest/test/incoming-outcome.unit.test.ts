import { describe, expect, it } from 'vitest'
import {
  afterOutcomeSent,
  afterTermsExpired,
  initialOutcomeState,
  OUTCOME_STATES,
  outcomeRefusal,
  type OutcomeState,
} from '../src/domain/incoming-outcome.ts'

describe('the outcome of an incoming invoice', () => {
  it('awaits an outcome for FPA12 only', () => {
    expect(initialOutcomeState('FPA12')).toBe('awaiting_outcome')
    expect(initialOutcomeState('FPR12')).toBe('not_applicable')
  })

  it('takes an outcome while awaited, after a refusal or a failure, never otherwise', () => {
    const refusals = Object.fromEntries(OUTCOME_STATES.map((state) => [state, outcomeRefusal(state)]))
    expect(refusals).toEqual({
      not_applicable: 'not_applicable',
      awaiting_outcome: undefined,
      outcome_requested: 'in_flight',
      outcome_accepted: 'already_accepted',
      outcome_refused: undefined,
      outcome_failed: undefined,
      terms_expired: 'terms_expired',
    })
  })

  it("follows SdI's answer to the outcome in flight", () => {
    expect(afterOutcomeSent('outcome_requested', 'ES01')).toBe('outcome_accepted')
    expect(afterOutcomeSent('outcome_requested', 'ES00')).toBe('outcome_refused')
    expect(afterOutcomeSent('outcome_requested', 'failed')).toBe('outcome_failed')
  })

  it('lets ES01 win whatever came before (SdI took it, so it was in time), and nothing undo an ES01 or a DT', () => {
    for (const state of OUTCOME_STATES.filter((s) => s !== 'not_applicable')) {
      expect(afterOutcomeSent(state, 'ES01'), state).toBe('outcome_accepted')
    }
    const settled: OutcomeState[] = ['outcome_accepted', 'terms_expired', 'not_applicable']
    for (const state of settled) {
      expect(afterOutcomeSent(state, 'ES00'), state).toBe(state)
      expect(afterOutcomeSent(state, 'failed'), state).toBe(state)
    }
    expect(afterOutcomeSent('not_applicable', 'ES01')).toBe('not_applicable')
  })

  it('closes the window at the DT unless an outcome was taken', () => {
    const after = Object.fromEntries(OUTCOME_STATES.map((state) => [state, afterTermsExpired(state)]))
    expect(after).toEqual({
      not_applicable: 'not_applicable',
      awaiting_outcome: 'terms_expired',
      outcome_requested: 'terms_expired',
      outcome_accepted: 'outcome_accepted',
      outcome_refused: 'terms_expired',
      outcome_failed: 'terms_expired',
      terms_expired: 'terms_expired',
    })
  })
})
