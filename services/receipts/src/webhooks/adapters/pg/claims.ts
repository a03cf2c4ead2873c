import type { Queryable } from '@varco/db'
import type { SubscriptionHealth } from '../../domain/disabling.ts'
import type { SealedSecret } from '../../secret-box.ts'

/** A delivery claimed for one attempt, with what it takes to sign and send it. */
export interface ClaimedDelivery {
  readonly deliveryId: string
  readonly subscriptionId: string
  readonly tenantId: string
  readonly attempt: number
  readonly createdAt: Date
  readonly url: string
  readonly webhookId: string
  readonly eventType: string
  readonly body: string
  readonly secret: SealedSecret
  /** The previous secret while it still signs (a rotation's overlap). */
  readonly previousSecret: SealedSecret | undefined
}

interface ClaimRow {
  id: string
  subscription_id: string
  tenant_id: string
  attempts: number
  created_at: Date
  url: string
  message_id: string
  event_type: string
  body: string
  secret_key_id: string
  secret_sealed: Buffer
  previous_secret_key_id: string | null
  previous_secret_sealed: Buffer | null
}

export const INTERRUPTED = 'interrupted: the worker stopped before the outcome was recorded'

/**
 * Claims the delivery due first, of an enabled subscription, for `leaseMs`: the attempt is on record before the
 * request leaves, and a worker that dies mid-request leaves a lease that runs out, after which the row is due again
 * (at least once: the receiver may get it twice, under the same webhook-id). SKIP LOCKED lets workers and replicas
 * share the queue. Run inside one transaction.
 */
export async function claimDue(
  tx: Queryable,
  schema: string,
  now: Date,
  leaseMs: number,
): Promise<ClaimedDelivery | undefined> {
  const { rows } = await tx.query<ClaimRow>(
    `WITH due AS (
       SELECT d.id FROM ${schema}.webhook_deliveries d
         JOIN ${schema}.webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until <= $1)
          AND s.enabled
        ORDER BY d.next_attempt_at
        LIMIT 1
        FOR UPDATE OF d SKIP LOCKED)
     UPDATE ${schema}.webhook_deliveries d
        SET attempts = d.attempts + 1, leased_until = $1 + $2 * interval '1 millisecond', last_attempt_at = $1
       FROM due, ${schema}.webhook_subscriptions s, ${schema}.webhook_messages m
      WHERE d.id = due.id AND s.id = d.subscription_id AND m.id = d.message_id
      RETURNING d.id, d.subscription_id, s.tenant_id, d.attempts, d.created_at, s.url, d.message_id, m.event_type,
                m.body, s.secret_key_id, s.secret_sealed,
                CASE WHEN s.previous_secret_expires_at > $1 THEN s.previous_secret_key_id END AS previous_secret_key_id,
                CASE WHEN s.previous_secret_expires_at > $1 THEN s.previous_secret_sealed END AS previous_secret_sealed`,
    [now, leaseMs],
  )
  const row = rows[0]
  if (row === undefined) return undefined
  // An attempt still open on this delivery was cut short by a crash: say so in the log rather than leave it open.
  await tx.query(
    `UPDATE ${schema}.webhook_attempts
        SET duration_ms = GREATEST(0, (extract(epoch FROM $2::timestamptz - at) * 1000)::integer), error = $3
      WHERE delivery_id = $1 AND duration_ms IS NULL`,
    [row.id, now, INTERRUPTED],
  )
  await tx.query(`INSERT INTO ${schema}.webhook_attempts (delivery_id, attempt, at) VALUES ($1, $2, $3)`, [
    row.id,
    row.attempts,
    now,
  ])
  return {
    deliveryId: row.id,
    subscriptionId: row.subscription_id,
    tenantId: row.tenant_id,
    attempt: row.attempts,
    createdAt: row.created_at,
    url: row.url,
    webhookId: row.message_id,
    eventType: row.event_type,
    body: row.body,
    secret: { keyId: row.secret_key_id, sealed: row.secret_sealed },
    previousSecret:
      row.previous_secret_key_id !== null && row.previous_secret_sealed !== null
        ? { keyId: row.previous_secret_key_id, sealed: row.previous_secret_sealed }
        : undefined,
  }
}

/** The outcome of one attempt, as recorded. */
export interface AttemptOutcome {
  readonly finishedAt: Date
  readonly durationMs: number
  readonly responseStatus: number | undefined
  readonly error: string | undefined
}

export type DeliveryNext =
  { readonly status: 'delivered' } | { readonly status: 'pending'; readonly at: Date } | { readonly status: 'failed' }

/** Records an attempt's outcome and the delivery's next step, and releases the lease. */
export async function recordAttempt(
  tx: Queryable,
  schema: string,
  claimed: ClaimedDelivery,
  outcome: AttemptOutcome,
  next: DeliveryNext,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.webhook_attempts SET duration_ms = $3, response_status = $4, error = $5
      WHERE delivery_id = $1 AND attempt = $2`,
    [claimed.deliveryId, claimed.attempt, outcome.durationMs, outcome.responseStatus ?? null, outcome.error ?? null],
  )
  await tx.query(
    `UPDATE ${schema}.webhook_deliveries
        SET status = $2, next_attempt_at = $3, leased_until = NULL, last_response_status = $4, last_error = $5,
            delivered_at = CASE WHEN $2 = 'delivered' THEN $6 ELSE delivered_at END
      WHERE id = $1`,
    [
      claimed.deliveryId,
      next.status,
      next.status === 'pending' ? next.at : null,
      outcome.responseStatus ?? null,
      outcome.error ?? null,
      outcome.finishedAt,
    ],
  )
}

/** The subscription's failure record, locked: concurrent attempts on one subscription update it one at a time. */
export async function lockHealth(
  tx: Queryable,
  schema: string,
  subscriptionId: string,
): Promise<(SubscriptionHealth & { readonly enabled: boolean; readonly url: string }) | undefined> {
  const { rows } = await tx.query<{
    consecutive_failures: number
    failing_since: Date | null
    enabled: boolean
    url: string
  }>(
    `SELECT consecutive_failures, failing_since, enabled, url FROM ${schema}.webhook_subscriptions
      WHERE id = $1 FOR UPDATE`,
    [subscriptionId],
  )
  const row = rows[0]
  return (
    row && {
      consecutiveFailures: row.consecutive_failures,
      failingSince: row.failing_since ?? undefined,
      enabled: row.enabled,
      url: row.url,
    }
  )
}

/** Stores the failure record and, when the rule says so, disables the subscription with its reason. */
export async function storeHealth(
  tx: Queryable,
  schema: string,
  subscriptionId: string,
  health: SubscriptionHealth,
  disabled: { readonly at: Date; readonly reason: string } | undefined,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.webhook_subscriptions
        SET consecutive_failures = $2, failing_since = $3,
            enabled = CASE WHEN $4::timestamptz IS NULL THEN enabled ELSE false END,
            disabled_at = COALESCE($4, disabled_at), disabled_reason = COALESCE($5, disabled_reason),
            updated_at = COALESCE($4, updated_at)
      WHERE id = $1`,
    [
      subscriptionId,
      health.consecutiveFailures,
      health.failingSince ?? null,
      disabled?.at ?? null,
      disabled?.reason ?? null,
    ],
  )
}
