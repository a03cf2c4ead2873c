import type pg from 'pg'
import {
  invoiceRejected,
  invoiceValidated,
  type InvoiceReceived,
  type InvoiceRejected,
  type InvoiceValidated,
} from '@varco/contracts'
import { enqueueEvents, handleOnce } from '@varco/db'
import type { DocumentStore } from '@varco/documents'
import { validateInvoiceFile } from '@varco/fatturapa'
import type { Logger } from '@varco/observability'
import { summarize } from '../domain/summarize.ts'

export interface InvoiceReceivedDeps {
  readonly pool: pg.Pool
  readonly documents: DocumentStore
  /** This service's schema: its verdicts, outbox and inbox. */
  readonly schema: string
  /** The inbox's consumer name (the group id). */
  readonly consumer: string
}

type Outcome = InvoiceValidated | InvoiceRejected

/** Validates the file an invoice.received event refers to and decides what happens next. */
export async function decideOutcome(event: InvoiceReceived, documents: DocumentStore): Promise<Outcome> {
  const { document } = event.data
  const { bytes } = await documents.get(document.sha256)
  const verdict = validateInvoiceFile(bytes, { receivedAt: new Date(event.occurredAt) })
  const header = {
    source: 'validation',
    tenantId: event.tenantId,
    invoiceId: event.invoiceId,
    correlationId: event.correlationId,
    causationId: event.id,
  }
  if (verdict.ok) {
    return invoiceValidated.create({ ...header, data: { document, content: document, ...summarize(verdict.fattura) } })
  }
  // A NotificaScarto lists at most 200 errors; past that SdI stops (00201), and so do we.
  return invoiceRejected.create({
    ...header,
    data: { document, stage: 'validation', errors: verdict.errors.slice(0, 200) },
  })
}

/**
 * Handles invoice.received: the verdict row and the outcome event commit together, once per event however often it
 * is delivered (inbox). Validation is pure, so a redelivery after a crash recomputes the same verdict.
 */
export async function onInvoiceReceived(event: InvoiceReceived, deps: InvoiceReceivedDeps, log: Logger): Promise<void> {
  const outcome = await decideOutcome(event, deps.documents)
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
