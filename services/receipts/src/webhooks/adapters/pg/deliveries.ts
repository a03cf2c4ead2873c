import { randomUUID } from 'node:crypto'
import type { Queryable } from '@varco/db'
import type { Cursor } from '../../domain/cursor.ts'
import type { Attempt, Delivery, DeliveryStatus, Page } from '../../domain/subscription.ts'
import { nullable, pageOf } from './rows.ts'

interface DeliveryRow {
  id: string
  subscription_id: string
  message_id: string
  event_id: string
  event_type: string
  invoice_id: string | null
  status: DeliveryStatus
  attempts: number
  next_attempt_at: Date | null
  last_attempt_at: Date | null
  last_response_status: number | null
  last_error: string | null
  created_at: Date
  delivered_at: Date | null
  created_at_text: string
}

// Tenant isolation: every query reaches a delivery through a subscription of the caller's tenant.
const FROM = (schema: string) => `${schema}.webhook_deliveries d
  JOIN ${schema}.webhook_subscriptions s ON s.id = d.subscription_id
  JOIN ${schema}.webhook_messages m ON m.id = d.message_id`

const COLUMNS = `d.id, d.subscription_id, d.message_id, m.event_id, m.event_type, m.invoice_id, d.status, d.attempts,
  d.next_attempt_at, d.last_attempt_at, d.last_response_status, d.last_error, d.created_at, d.delivered_at,
  to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_text`

function deliveryOf(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    webhookId: row.message_id,
    eventId: row.event_id,
    eventType: row.event_type,
    invoiceId: nullable(row.invoice_id),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? nullable(row.next_attempt_at) : undefined,
    lastAttemptAt: nullable(row.last_attempt_at),
    lastResponseStatus: nullable(row.last_response_status),
    lastError: nullable(row.last_error),
    createdAt: row.created_at,
    deliveredAt: nullable(row.delivered_at),
  }
}

export interface DeliveryQuery {
  readonly tenantId: string
  readonly subscriptionId: string
  readonly status: DeliveryStatus | undefined
  readonly limit: number
  readonly cursor: Cursor | undefined
}

/** A subscription's deliveries, newest first (the log an operator reads), from after `cursor`. */
export async function listDeliveries(q: Queryable, schema: string, query: DeliveryQuery): Promise<Page<Delivery>> {
  const { rows } = await q.query<DeliveryRow>(
    `SELECT ${COLUMNS} FROM ${FROM(schema)}
      WHERE s.tenant_id = $1 AND d.subscription_id = $2 AND ($3::text IS NULL OR d.status = $3)
        AND ($4::timestamptz IS NULL OR (d.created_at, d.id) < ($4::timestamptz, $5::uuid))
      ORDER BY d.created_at DESC, d.id DESC LIMIT $6`,
    [
      query.tenantId,
      query.subscriptionId,
      query.status ?? null,
      query.cursor?.createdAt ?? null,
      query.cursor?.id ?? null,
      query.limit + 1,
    ],
  )
  return pageOf(rows, query.limit, deliveryOf)
}

export async function findDelivery(
  q: Queryable,
  schema: string,
  tenantId: string,
  subscriptionId: string,
  deliveryId: string,
): Promise<Delivery | undefined> {
  const { rows } = await q.query<DeliveryRow>(
    `SELECT ${COLUMNS} FROM ${FROM(schema)} WHERE s.tenant_id = $1 AND d.subscription_id = $2 AND d.id = $3`,
    [tenantId, subscriptionId, deliveryId],
  )
  return rows[0] && deliveryOf(rows[0])
}

/** A delivery's attempts, first to last. */
export async function attemptsOf(q: Queryable, schema: string, deliveryId: string): Promise<Attempt[]> {
  const { rows } = await q.query<{
    at: Date
    duration_ms: number | null
    response_status: number | null
    error: string | null
  }>(
    `SELECT at, duration_ms, response_status, error FROM ${schema}.webhook_attempts
      WHERE delivery_id = $1 ORDER BY attempt`,
    [deliveryId],
  )
  return rows.map((row) => ({
    at: row.at,
    durationMs: nullable(row.duration_ms),
    responseStatus: nullable(row.response_status),
    error: nullable(row.error),
  }))
}

/** A new delivery of the same message to the same subscription, due now: same webhook-id, fresh attempts. */
export async function replayDelivery(q: Queryable, schema: string, original: Delivery, now: Date): Promise<string> {
  const id = randomUUID()
  await q.query(
    `INSERT INTO ${schema}.webhook_deliveries (id, subscription_id, message_id, status, next_attempt_at, created_at)
     VALUES ($1, $2, $3, 'pending', $4, $4)`,
    [id, original.subscriptionId, original.webhookId, now],
  )
  return id
}
