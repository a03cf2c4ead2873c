import { backoffDelay } from '@varco/kafka'
import type { RetryPolicy } from './attempts.ts'

/*
 * What happens to a recipient's outcome (EC) after each SdIRiceviNotifica call (FACTS.md §2, §8): SdI took it
 * (ES01), refused it with an SE (ES00: EN00 not conforming, EN01 not admissible, e.g. late or a second outcome), or
 * could not take it now (ES02, network, timeout, 5xx), which is retried with backoff while SdI still takes outcomes
 * for the file (15 days after delivery); a SOAP fault that says our request is wrong is final.
 */

export type NotificaOutcome =
  | { readonly kind: 'taken' }
  | { readonly kind: 'refused'; readonly scarto: { readonly fileName: string; readonly file: Buffer } }
  | {
      readonly kind: 'unavailable'
      readonly reason: 'ES02' | 'network' | 'timeout' | 'http-5xx'
      readonly detail: string
    }
  | { readonly kind: 'faulted'; readonly detail: string }

export type OutcomeStep =
  | { readonly status: 'sent'; readonly result: 'ES01' }
  | { readonly status: 'sent'; readonly result: 'ES00'; readonly scarto: { fileName: string; file: Buffer } }
  | {
      readonly status: 'failed'
      readonly cause: 'deadline_passed' | 'sdi_fault'
      readonly message: string
    }
  | { readonly status: 'waiting'; readonly retryAt: Date; readonly reason: string }

/** The step after call number `attempt` (1-based); `deadline` is the end of the last day SdI takes the outcome. */
export function afterNotifica(
  outcome: NotificaOutcome,
  attempt: number,
  now: Date,
  deadline: Date,
  policy: RetryPolicy,
  random: () => number = Math.random,
): OutcomeStep {
  switch (outcome.kind) {
    case 'taken':
      return { status: 'sent', result: 'ES01' }
    case 'refused':
      return { status: 'sent', result: 'ES00', scarto: outcome.scarto }
    case 'faulted':
      return { status: 'failed', cause: 'sdi_fault', message: `SdI refused the call: ${outcome.detail}` }
    case 'unavailable': {
      const retryAt = new Date(now.getTime() + backoffDelay(attempt, policy.backoff, random))
      if (retryAt > deadline) {
        return {
          status: 'failed',
          cause: 'deadline_passed',
          message: `SdI could not take the outcome (${outcome.reason}: ${outcome.detail}) before its window closed; last attempt ${attempt}`,
        }
      }
      return { status: 'waiting', retryAt, reason: `${outcome.reason}: ${outcome.detail}` }
    }
  }
}
