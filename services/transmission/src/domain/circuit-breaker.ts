/*
 * A circuit breaker for the SdI channel: after `threshold` failures in a row it opens and calls wait `coolDownMs`;
 * then one trial call goes through (half open); its success closes the circuit, its failure opens it again. While
 * SdI is down this keeps every invoice's retry from hammering it, and the first good answer lets them all through.
 */

export interface BreakerPolicy {
  readonly threshold: number
  readonly coolDownMs: number
}

export type BreakerState =
  | { readonly state: 'closed'; readonly failures: number }
  | { readonly state: 'open'; readonly until: number }
  | { readonly state: 'half-open' }

export const CLOSED: BreakerState = { state: 'closed', failures: 0 }

/** Whether a call may go now, and the state to keep: an open circuit whose cool-down ended lets one trial through. */
export function admit(breaker: BreakerState, now: number): { readonly allowed: boolean; readonly next: BreakerState } {
  switch (breaker.state) {
    case 'closed':
      return { allowed: true, next: breaker }
    case 'open':
      return now >= breaker.until ? { allowed: true, next: { state: 'half-open' } } : { allowed: false, next: breaker }
    case 'half-open':
      // The trial is under way: the others wait for its answer.
      return { allowed: false, next: breaker }
  }
}

/** The state after a call's answer: `failed` means the channel failed (network, timeout, 5xx, EI02). */
export function record(breaker: BreakerState, failed: boolean, now: number, policy: BreakerPolicy): BreakerState {
  if (!failed) return CLOSED
  if (breaker.state === 'half-open') return { state: 'open', until: now + policy.coolDownMs }
  const failures = breaker.state === 'closed' ? breaker.failures + 1 : policy.threshold
  return failures >= policy.threshold
    ? { state: 'open', until: now + policy.coolDownMs }
    : { state: 'closed', failures }
}

/** When the next call may go: now, or when the cool-down ends. */
export function openUntil(breaker: BreakerState): number | undefined {
  return breaker.state === 'open' ? breaker.until : undefined
}
