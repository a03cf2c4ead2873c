import { randomUUID } from 'node:crypto'
import type { Queryable } from '@varco/db'
import type { WebhookMessage } from '../../domain/payload.ts'

/** Stores a message once (a redelivered event finds it there) and queues one delivery per subscription. */
export async function queueMessage(
  q: Queryable,
  schema: string,
  message: WebhookMessage,
  subscriptionIds: readonly string[],
  now: Date,
): Promise<number> {
  if (subscriptionIds.length === 0) return 0
  await q.query(
    `INSERT INTO ${schema}.webhook_messages (id, tenant_id, event_id, event_type, invoice_id, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [message.id, message.tenantId, message.eventId, message.eventType, message.invoiceId ?? null, message.body, now],
  )
  const { rowCount } = await q.query(
    `INSERT INTO ${schema}.webhook_deliveries (id, subscription_id, message_id, status, next_attempt_at, created_at)
     SELECT ids.delivery_id, ids.subscription_id, $2, 'pending', $3, $3
       FROM unnest($1::uuid[], $4::uuid[]) AS ids (subscription_id, delivery_id)`,
    [subscriptionIds, message.id, now, subscriptionIds.map(() => randomUUID())],
  )
  return rowCount ?? 0
}
