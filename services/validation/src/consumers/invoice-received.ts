import type pg from 'pg'
import type { InvoiceReceived } from '@varco/contracts'
import { enqueueEvents, handleOnce } from '@varco/db'
import type { Logger } from '@varco/observability'
import { decideOutcome, type DecideDeps } from '../domain/decide-outcome.ts'

export interface InvoiceReceivedDeps extends DecideDeps {
  readonly pool: pg.Pool
  /** This service's schema: its verdicts, outbox and inbox. */
  readonly schema: string
  /** The inbox's consumer name (the group id). */
  readonly consumer: string
}

/**
 * Handles invoice.received: the verdict row and the outcome event commit together, once per event however often it
 * is delivered (inbox). Validation is deterministic, so a redelivery after a crash recomputes the same verdict.
 */
export async function onInvoiceReceived(event: InvoiceReceived, deps: InvoiceReceivedDeps, log: Logger): Promise<void> {
  const outcome = await decideOutcome(event, deps)
  const result = await handleOnce(
    deps.pool,
    { schema: deps.schema, consumer: deps.consumer, eventId: event.id },
    async (tx) => {
      await tx.query(
        `INSERT INTO ${deps.schema}.verdicts (event_id, tenant_id, invoice_id, document, outcome, errors)
       VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          event.id,
          event.tenantId,
          event.invoiceId,
          event.data.document.sha256,
          outcome.type === 'invoice.validated' ? 'validated' : 'rejected',
          JSON.stringify(outcome.type === 'invoice.rejected' ? outcome.data.errors : []),
        ],
      )
      await enqueueEvents(tx, deps.schema, [outcome])
    },
  )
  if (result === 'duplicate') {
    log.debug({ invoiceId: event.invoiceId }, 'invoice already validated; redelivery ignored')
  } else if (outcome.type === 'invoice.validated') {
    log.info({ invoiceId: event.invoiceId }, 'invoice validated')
  } else {
    log.info({ invoiceId: event.invoiceId, errors: outcome.data.errors.length }, 'invoice rejected')
  }
}
