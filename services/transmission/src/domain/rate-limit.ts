/*
 * A token bucket per SdI channel: `ratePerSecond` calls a second on average, bursts of up to `burst`. The
 * accreditation of a channel fixes what SdI expects from it; the operator configures the rate.
 */

export interface RatePolicy {
  readonly ratePerSecond: number
  readonly burst: number
}

export interface Bucket {
  readonly tokens: number
  readonly at: number
}

export const fullBucket = (policy: RatePolicy, now: number): Bucket => ({ tokens: policy.burst, at: now })

/** Takes one token: the bucket after it and 0, or the unchanged bucket and how long until a token is there. */
export function take(
  bucket: Bucket,
  now: number,
  policy: RatePolicy,
): { readonly waitMs: number; readonly next: Bucket } {
  const refilled = Math.min(policy.burst, bucket.tokens + ((now - bucket.at) / 1000) * policy.ratePerSecond)
  if (refilled >= 1) return { waitMs: 0, next: { tokens: refilled - 1, at: now } }
  return { waitMs: Math.ceil(((1 - refilled) / policy.ratePerSecond) * 1000), next: { tokens: refilled, at: now } }
}
