import { backoffDelay, type BackoffPolicy } from '@varco/kafka'

/*
 * What happens to an invoice after each RiceviFile call (FACTS.md §2): SdI took it (IdentificativoSdI), refused it
 * for good (EI01 empty file, EI03 caller not enabled), or could not be reached (EI02, network, timeout, HTTP 5xx),
 * which is retried with capped exponential backoff and jitter until the legal deadline.
 */

export type CallOutcome =
  | { readonly kind: 'accepted'; readonly identificativoSdI: string; readonly dataOraRicezione: string }
  | { readonly kind: 'refused'; readonly errore: 'EI01' | 'EI03' }
  | {
      readonly kind: 'unavailable'
      readonly reason: 'EI02' | 'network' | 'timeout' | 'http-5xx'
      readonly detail: string
    }

export type FailureCause = 'EI01' | 'EI03' | 'deadline_passed'

export type NextStep =
  | { readonly status: 'transmitted'; readonly identificativoSdI: string; readonly dataOraRicezione: string }
  | { readonly status: 'failed'; readonly cause: FailureCause; readonly message: string }
  | { readonly status: 'waiting'; readonly retryAt: Date; readonly reason: string }

export interface RetryPolicy {
  readonly backoff: BackoffPolicy
}

const REFUSALS: Readonly<Record<'EI01' | 'EI03', string>> = {
  EI01: 'SdI refused the file as empty (EI01)',
  EI03: 'SdI refused the call: this channel is not enabled to transmit (EI03)',
}

/**
 * The next step after call number `attempt` (1-based). A retry due after the end of `deadline` is not planned: the
 * invoice fails as `deadline_passed`, so that a person decides, rather than a late invoice going out unseen.
 */
export function afterCall(
  outcome: CallOutcome,
  attempt: number,
  now: Date,
  deadline: Date,
  policy: RetryPolicy,
  random: () => number = Math.random,
): NextStep {
  switch (outcome.kind) {
    case 'accepted':
      return { status: 'transmitted', ...outcome }
    case 'refused':
      return { status: 'failed', cause: outcome.errore, message: REFUSALS[outcome.errore] }
    case 'unavailable': {
      const retryAt = new Date(now.getTime() + backoffDelay(attempt, policy.backoff, random))
      if (retryAt > deadline) {
        return {
          status: 'failed',
          cause: 'deadline_passed',
          message: `SdI unavailable (${outcome.reason}: ${outcome.detail}) until the legal deadline; last attempt ${attempt}`,
        }
      }
      return { status: 'waiting', retryAt, reason: `${outcome.reason}: ${outcome.detail}` }
    }
  }
}

/**
 * An invoice found mid-call after a crash: SdI may have taken the file without our hearing the answer. It waits
 * `windowMs` from the call for SdI's notification of that file name; only then is it sent again, under the same
 * name, so that an SdI which had it answers with a duplicate (00002) and the original's notifications settle it.
 */
export function reconcileAfter(callStartedAt: Date, windowMs: number): Date {
  return new Date(callStartedAt.getTime() + windowMs)
}
