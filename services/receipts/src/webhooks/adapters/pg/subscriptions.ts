import type { Queryable } from '@varco/db'
import type { Cursor } from '../../domain/cursor.ts'
import type { Page, Subscription, SubscriptionPatch } from '../../domain/subscription.ts'
import type { SealedSecret } from '../../secret-box.ts'
import { nullable, pageOf } from './rows.ts'

interface SubscriptionRow {
  id: string
  tenant_id: string
  url: string
  description: string | null
  event_types: string[]
  enabled: boolean
  disabled_at: Date | null
  disabled_reason: string | null
  created_at: Date
  updated_at: Date
  created_at_text: string
}

const COLUMNS = `id, tenant_id, url, description, event_types, enabled, disabled_at, disabled_reason, created_at,
  updated_at, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_text`

function subscriptionOf(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    description: nullable(row.description),
    eventTypes: row.event_types,
    enabled: row.enabled,
    disabledAt: nullable(row.disabled_at),
    disabledReason: nullable(row.disabled_reason),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export interface NewSubscription {
  readonly id: string
  readonly tenantId: string
  readonly url: string
  readonly description: string | undefined
  readonly eventTypes: readonly string[]
  readonly secret: SealedSecret
}

export async function insertSubscription(
  q: Queryable,
  schema: string,
  row: NewSubscription,
  now: Date,
): Promise<Subscription> {
  const { rows } = await q.query<SubscriptionRow>(
    `INSERT INTO ${schema}.webhook_subscriptions
       (id, tenant_id, url, description, event_types, secret_key_id, secret_sealed, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     RETURNING ${COLUMNS}`,
    [row.id, row.tenantId, row.url, row.description ?? null, row.eventTypes, row.secret.keyId, row.secret.sealed, now],
  )
  return subscriptionOf(rows[0]!)
}

export async function findSubscription(
  q: Queryable,
  schema: string,
  tenantId: string,
  id: string,
): Promise<Subscription | undefined> {
  const { rows } = await q.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM ${schema}.webhook_subscriptions WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  )
  return rows[0] && subscriptionOf(rows[0])
}

/** A tenant's subscriptions, oldest first, from after `cursor`. */
export async function listSubscriptions(
  q: Queryable,
  schema: string,
  tenantId: string,
  limit: number,
  cursor: Cursor | undefined,
): Promise<Page<Subscription>> {
  const { rows } = await q.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM ${schema}.webhook_subscriptions
      WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
      ORDER BY created_at, id LIMIT $4`,
    [tenantId, cursor?.createdAt ?? null, cursor?.id ?? null, limit + 1],
  )
  return pageOf(rows, limit, subscriptionOf)
}

/**
 * Applies a PATCH. Disabling records when and why; enabling clears that and the failure record, and makes the
 * deliveries held while it was disabled due now: re-enabling resumes them.
 */
export async function updateSubscription(
  q: Queryable,
  schema: string,
  tenantId: string,
  id: string,
  patch: SubscriptionPatch,
  now: Date,
): Promise<Subscription | undefined> {
  const { rows } = await q.query<SubscriptionRow>(
    `UPDATE ${schema}.webhook_subscriptions
        SET url = COALESCE($3, url),
            description = CASE WHEN $4::boolean THEN $5 ELSE description END,
            event_types = COALESCE($6, event_types),
            enabled = COALESCE($7, enabled),
            disabled_at = CASE WHEN $7 IS NULL OR $7 = enabled THEN disabled_at WHEN $7 THEN NULL ELSE $8 END,
            disabled_reason = CASE WHEN $7 IS NULL OR $7 = enabled THEN disabled_reason
                                   WHEN $7 THEN NULL ELSE 'disabled through the API' END,
            consecutive_failures = CASE WHEN $7 AND NOT enabled THEN 0 ELSE consecutive_failures END,
            failing_since = CASE WHEN $7 AND NOT enabled THEN NULL ELSE failing_since END,
            updated_at = $8
      WHERE tenant_id = $1 AND id = $2
      RETURNING ${COLUMNS}`,
    [
      tenantId,
      id,
      patch.url ?? null,
      patch.description !== undefined,
      patch.description ?? null,
      patch.eventTypes ?? null,
      patch.enabled ?? null,
      now,
    ],
  )
  const row = rows[0]
  if (row === undefined) return undefined
  if (patch.enabled === true) {
    await q.query(
      `UPDATE ${schema}.webhook_deliveries SET next_attempt_at = $2
        WHERE subscription_id = $1 AND status = 'pending' AND next_attempt_at > $2`,
      [id, now],
    )
  }
  return subscriptionOf(row)
}

/** Deletes a subscription with its deliveries and their attempts (the pending ones are dropped). */
export async function deleteSubscription(q: Queryable, schema: string, tenantId: string, id: string) {
  const { rowCount } = await q.query(`DELETE FROM ${schema}.webhook_subscriptions WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ])
  return rowCount === 1
}

/** The current sealed secret, locked for a rotation. */
export async function lockSecret(q: Queryable, schema: string, tenantId: string, id: string) {
  const { rows } = await q.query<{ secret_key_id: string; secret_sealed: Buffer }>(
    `SELECT secret_key_id, secret_sealed FROM ${schema}.webhook_subscriptions
      WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, id],
  )
  const row = rows[0]
  return row && { keyId: row.secret_key_id, sealed: row.secret_sealed }
}

/** Makes `current` the signing secret and `previous` the one that also signs until `previousExpiresAt`. */
export async function storeRotatedSecret(
  q: Queryable,
  schema: string,
  id: string,
  secrets: { readonly current: SealedSecret; readonly previous: SealedSecret; readonly previousExpiresAt: Date },
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE ${schema}.webhook_subscriptions
        SET secret_key_id = $2, secret_sealed = $3, previous_secret_key_id = $4, previous_secret_sealed = $5,
            previous_secret_expires_at = $6, updated_at = $7
      WHERE id = $1`,
    [
      id,
      secrets.current.keyId,
      secrets.current.sealed,
      secrets.previous.keyId,
      secrets.previous.sealed,
      secrets.previousExpiresAt,
      now,
    ],
  )
}

/** The enabled subscriptions of a tenant that get events of `type`. */
export async function subscribersOf(
  q: Queryable,
  schema: string,
  tenantId: string,
  type: string,
  except?: string,
): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM ${schema}.webhook_subscriptions
      WHERE tenant_id = $1 AND enabled AND (event_types = '{}' OR $2 = ANY (event_types))
        AND ($3::uuid IS NULL OR id <> $3::uuid)
      ORDER BY created_at, id`,
    [tenantId, type, except ?? null],
  )
  return rows.map((row) => row.id)
}
