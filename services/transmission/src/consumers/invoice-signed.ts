import type pg from 'pg'
import type { InvoiceSigned } from '@varco/contracts'
import { handleOnce } from '@varco/db'
import { endOfItalianDay, italianDay, transmissionDeadline } from '@varco/fatturapa'
import type { Logger } from '@varco/observability'
import { queueTransmission } from '../adapters/pg/transmissions.ts'

export interface InvoiceSignedDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly consumer: string
  readonly now: () => Date
}

/**
 * Queues a signed invoice for transmission, once however often the event is delivered. Its deadline is the end of
 * the last day the law allows (from invoice.signed; an older event without it gets an invoice's 12 days from now).
 */
export async function onInvoiceSigned(event: InvoiceSigned, deps: InvoiceSignedDeps, log: Logger): Promise<void> {
  const now = deps.now()
  const lastDay = event.data.transmitBy ?? transmissionDeadline('TD01', italianDay(now))
  const result = await handleOnce(
    deps.pool,
    { schema: deps.schema, consumer: deps.consumer, eventId: event.id },
    async (tx) => {
      await queueTransmission(
        tx,
        deps.schema,
        {
          invoiceId: event.invoiceId,
          tenantId: event.tenantId,
          correlationId: event.correlationId,
          signedEventId: event.id,
          fileName: event.data.fileName,
          document: event.data.signed,
          deadline: endOfItalianDay(lastDay),
        },
        now,
      )
    },
  )
  if (result !== 'duplicate') log.info({ invoiceId: event.invoiceId, fileName: event.data.fileName }, 'invoice queued')
}
