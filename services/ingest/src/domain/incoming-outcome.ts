import type { InvoiceOutcomeSent } from '@varco/contracts'
import { assertNever } from '@varco/errors'

/*
 * The outcome of an incoming invoice (FACTS.md §8, recipient side): a public administration client accepts (EC01) or
 * refuses (EC02) an FPA12 invoice within 15 days; the transmission service sends the EC and reports SdI's answer;
 * SdI's DT ends the window. B2B (FPR12) has no outcome at all.
 */

/** Where the client's outcome on an incoming invoice is. */
export const OUTCOME_STATES = [
  'not_applicable',
  'awaiting_outcome',
  'outcome_requested',
  'outcome_accepted',
  'outcome_refused',
  'outcome_failed',
  'terms_expired',
] as const

export type OutcomeState = (typeof OUTCOME_STATES)[number]

export type Formato = 'FPA12' | 'FPR12'

/** The state of a newly delivered invoice: FPR12 takes no outcome. */
export function initialOutcomeState(formato: Formato): OutcomeState {
  return formato === 'FPA12' ? 'awaiting_outcome' : 'not_applicable'
}

/** Why an outcome cannot be asked for now. */
export type OutcomeRefusal = 'not_applicable' | 'in_flight' | 'already_accepted' | 'terms_expired'

/**
 * Whether the client may send an outcome now: only for FPA12, not while one is in flight (its answer decides), not
 * after SdI took one (ES01) or the terms expired (DT); again after SdI refused one (ES00) or sending it failed.
 */
export function outcomeRefusal(state: OutcomeState): OutcomeRefusal | undefined {
  switch (state) {
    case 'awaiting_outcome':
    case 'outcome_refused':
    case 'outcome_failed':
      return undefined
    case 'not_applicable':
      return 'not_applicable'
    case 'outcome_requested':
      return 'in_flight'
    case 'outcome_accepted':
      return 'already_accepted'
    case 'terms_expired':
      return 'terms_expired'
    default:
      return assertNever(state, 'outcome state')
  }
}

/**
 * The state after SdI's answer to an EC. ES01 always wins (SdI took the outcome, so it was in time); a refusal or a
 * failure concerns the request in flight, and changes nothing once an outcome was taken or the terms expired.
 */
export function afterOutcomeSent(state: OutcomeState, result: InvoiceOutcomeSent['data']['result']): OutcomeState {
  if (state === 'not_applicable') return state
  if (result === 'ES01') return 'outcome_accepted'
  if (state === 'outcome_accepted' || state === 'terms_expired') return state
  switch (result) {
    case 'ES00':
      return 'outcome_refused'
    case 'failed':
      return 'outcome_failed'
    default:
      return assertNever(result, 'outcome result')
  }
}

/** The state after SdI's DT: the window closed, unless an outcome was already taken. */
export function afterTermsExpired(state: OutcomeState): OutcomeState {
  return state === 'outcome_accepted' || state === 'not_applicable' ? state : 'terms_expired'
}
