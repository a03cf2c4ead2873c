import type pg from 'pg'
import { handleOnce } from '@varco/db'
import type { Logger } from '@varco/observability'
import { lockInvoice, updateInvoice } from '../adapters/pg/invoice-repository.ts'
import { insertTimelineEntry } from '../adapters/pg/timeline-repository.ts'
import { INGEST_SCHEMA } from '../adapters/pg/schema.ts'
import { isInvoiceId } from '../domain/ids.ts'
import { changeOf, nextStatus, type ProjectedEvent } from '../domain/status.ts'

export interface InvoiceProgressDeps {
  readonly pool: pg.Pool
  /** The inbox's consumer name (the group id). */
  readonly consumer: string
}

/**
 * Keeps the invoice view from the other services' events: the timeline entry, the status (which only moves forward,
 * whatever order events of different topics arrive in) and the facts the event brings (file name, signed file,
 * errors). The inbox row and the update commit together, so a redelivered event changes nothing.
 */
export async function onInvoiceProgress(event: ProjectedEvent, deps: InvoiceProgressDeps, log: Logger): Promise<void> {
  if (!isInvoiceId(event.invoiceId)) {
    log.debug({ invoiceId: event.invoiceId }, 'event about an invoice not received here; ignored')
    return
  }
  let outcome = 'applied' as 'applied' | 'unknown'
  const result = await handleOnce(
    deps.pool,
    { schema: INGEST_SCHEMA, consumer: deps.consumer, eventId: event.id },
    async (tx) => {
      const current = await lockInvoice(tx, event.tenantId, event.invoiceId)
      if (current === undefined) {
        outcome = 'unknown'
        return
      }
      const change = changeOf(event)
      await insertTimelineEntry(tx, {
        eventId: event.id,
        invoiceId: event.invoiceId,
        type: event.type,
        occurredAt: event.occurredAt,
        detail: change.detail,
      })
      await updateInvoice(tx, event.invoiceId, nextStatus(current, change), change)
    },
  )
  if (result === 'duplicate') log.debug({ invoiceId: event.invoiceId }, 'event already applied; redelivery ignored')
  else if (outcome === 'unknown')
    log.debug({ invoiceId: event.invoiceId }, 'event about an invoice not received here; ignored')
  else log.info({ invoiceId: event.invoiceId, eventType: event.type }, 'invoice view updated')
}
