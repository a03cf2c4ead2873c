export interface BackoffPolicy {
  readonly initialMs: number
  readonly maxMs: number
}

/**
 * Delay before retry number `attempt` (1-based): exponential growth capped at `maxMs`, with "full jitter" (a random
 * point between half the step and the step) so that many consumers retrying at once do not hammer a recovering
 * database in lockstep.
 */
export function backoffDelay(
  attempt: number,
  { initialMs, maxMs }: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const step = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}
