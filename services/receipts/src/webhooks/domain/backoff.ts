/** How a failed delivery is tried again: exponential backoff, capped, for a total window from its creation. */
export interface RetryPolicy {
  /** Delay after the first failed attempt, before jitter. */
  readonly initialMs: number
  /** Cap on any one delay, before jitter. */
  readonly maxMs: number
  /** From the delivery's creation; once past it, a failed attempt fails the delivery. */
  readonly windowMs: number
}

/** What follows a failed attempt: another at `at`, or the delivery is failed for good. */
export type RetryStep = { readonly kind: 'retry'; readonly at: Date } | { readonly kind: 'failed' }

/** The delay after the `attempts`-th failed attempt, before jitter: initial × 2^(attempts−1), at most maxMs. */
export function baseDelayMs(policy: RetryPolicy, attempts: number): number {
  // 2^40 ms is 35 years: past any cap, and small enough to stay an exact double.
  const exponent = Math.min(Math.max(attempts, 1) - 1, 40)
  return Math.min(policy.maxMs, policy.initialMs * 2 ** exponent)
}

/**
 * The step after a failed attempt. Jitter draws the delay uniformly from [half, all] of the base delay, so that the
 * deliveries of an endpoint that came back do not all retry in the same instant, while the delay still grows. The
 * last attempt is made at the window's end rather than skipped: a delivery is never failed early.
 */
export function nextRetry(
  policy: RetryPolicy,
  delivery: { readonly attempts: number; readonly createdAt: Date },
  now: Date,
  random: () => number,
): RetryStep {
  const deadline = delivery.createdAt.getTime() + policy.windowMs
  if (now.getTime() >= deadline) return { kind: 'failed' }
  const base = baseDelayMs(policy, delivery.attempts)
  const delay = base / 2 + (base / 2) * Math.min(Math.max(random(), 0), 1)
  return { kind: 'retry', at: new Date(Math.min(now.getTime() + Math.round(delay), deadline)) }
}
