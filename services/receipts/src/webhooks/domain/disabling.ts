/** When a subscription is disabled: every attempt failing for `windowMs`, and at least `minFailures` in a row. */
export interface DisablingRule {
  readonly windowMs: number
  readonly minFailures: number
}

/** A subscription's failure record: attempts failed in a row, and when the first of them was made. */
export interface SubscriptionHealth {
  readonly consecutiveFailures: number
  readonly failingSince: Date | undefined
}

export type HealthVerdict =
  | { readonly kind: 'healthy'; readonly health: SubscriptionHealth }
  | { readonly kind: 'failing'; readonly health: SubscriptionHealth }
  | { readonly kind: 'disable'; readonly health: SubscriptionHealth; readonly reason: string }

export const HEALTHY: SubscriptionHealth = Object.freeze({ consecutiveFailures: 0, failingSince: undefined })

/**
 * The subscription's health after one attempt. A success resets it. Both conditions must hold to disable: the
 * window alone would disable an endpoint that failed once, days ago, on its only delivery; the count alone would
 * disable a healthy endpoint for a minute's outage during a burst.
 */
export function afterAttempt(
  rule: DisablingRule,
  health: SubscriptionHealth,
  succeeded: boolean,
  at: Date,
): HealthVerdict {
  if (succeeded) return { kind: 'healthy', health: HEALTHY }
  const failingSince = health.failingSince ?? at
  const next = { consecutiveFailures: health.consecutiveFailures + 1, failingSince }
  const failingForMs = at.getTime() - failingSince.getTime()
  if (next.consecutiveFailures >= rule.minFailures && failingForMs >= rule.windowMs) {
    const reason =
      `every delivery attempt failed since ${failingSince.toISOString()} ` +
      `(${next.consecutiveFailures} attempts in a row)`
    return { kind: 'disable', health: next, reason }
  }
  return { kind: 'failing', health: next }
}
