import type pg from 'pg'
import type { InvoiceEvent } from '@varco/contracts'
import { handleOnce } from '@varco/db'
import type { Logger } from '@varco/observability'
import { subscribersOf } from '../adapters/pg/subscriptions.ts'
import { queueMessage } from '../adapters/pg/messages.ts'
import { messageOfEvent } from '../domain/payload.ts'

/** An event this consumer delivers: every invoice event but the internal command invoice.outcome_requested. */
export type DeliveredEvent = Exclude<InvoiceEvent, { type: 'invoice.outcome_requested' }>

export interface OnEventDeps {
  readonly pool: pg.Pool
  readonly schema: string
  /** The consumer's inbox name (its group id). */
  readonly consumer: string
  readonly now: () => Date
  /** Tells this process's workers that deliveries are due (others find them by polling). */
  readonly wake: () => void
}

/**
 * Queues an event for each enabled subscription of its tenant that listens to its type, in the transaction of the
 * inbox row: after a crash either both are there or neither, and a redelivered event queues nothing twice.
 */
export async function onWebhookEvent(event: DeliveredEvent, deps: OnEventDeps, log: Logger): Promise<void> {
  let queued = 0
  const result = await handleOnce(
    deps.pool,
    { schema: deps.schema, consumer: deps.consumer, eventId: event.id },
    async (tx) => {
      const subscribers = await subscribersOf(tx, deps.schema, event.tenantId, event.type)
      queued = await queueMessage(tx, deps.schema, messageOfEvent(event), subscribers, deps.now())
    },
  )
  if (result === 'applied' && queued > 0) {
    deps.wake()
    log.debug({ eventType: event.type, deliveries: queued }, 'webhook deliveries queued')
  }
}
