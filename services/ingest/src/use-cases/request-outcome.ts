import { invoiceOutcomeRequested } from '@varco/contracts'
import { enqueueEvents, withTransaction } from '@varco/db'
import { assertNever } from '@varco/errors'
import { insertIncomingHistory } from '../adapters/pg/incoming-history-repository.ts'
import { findIncoming, updateOutcome, type IncomingRecord } from '../adapters/pg/incoming-repository.ts'
import { INGEST_SCHEMA } from '../adapters/pg/schema.ts'
import type { Principal } from '../adapters/pg/tenant-repository.ts'
import { outcomeRefusal, type OutcomeRefusal } from '../domain/incoming-outcome.ts'
import { isIncomingId } from '../domain/ids.ts'
import {
  IncomingNotFound,
  OutcomeAlreadyAccepted,
  OutcomeInFlight,
  OutcomeInvoiceRefUnknown,
  OutcomeNotApplicable,
  OutcomeTermsExpired,
} from '../errors.ts'
import type { IngestDeps } from './deps.ts'

export interface OutcomeRequest {
  readonly esito: 'EC01' | 'EC02'
  readonly description?: string | undefined
  readonly invoiceRef?: { readonly number: string; readonly year: number; readonly position?: number | undefined }
}

export interface OutcomeAccepted {
  readonly id: string
  readonly outcomeState: 'outcome_requested'
  readonly statusUrl: string
}

function refusalError(refusal: OutcomeRefusal): Error {
  switch (refusal) {
    case 'not_applicable':
      return new OutcomeNotApplicable()
    case 'in_flight':
      return new OutcomeInFlight()
    case 'already_accepted':
      return new OutcomeAlreadyAccepted()
    case 'terms_expired':
      return new OutcomeTermsExpired()
    default:
      return assertNever(refusal, 'outcome refusal')
  }
}

/** An invoiceRef must name one of the file's documents (RiferimentoFattura: its number and year). */
function checkInvoiceRef(record: IncomingRecord, ref: OutcomeRequest['invoiceRef']): void {
  if (ref === undefined) return
  const found = record.documents.some((d) => d.numero === ref.number && d.data.startsWith(`${ref.year}-`))
  if (!found) throw new OutcomeInvoiceRefUnknown(ref.number, ref.year)
}

/**
 * POST /v1/incoming-invoices/{id}/outcome: the client accepts (EC01) or refuses (EC02) an FPA12 invoice. The view's
 * change and invoice.outcome_requested (for the transmission service, which sends the EC) commit together; the
 * invoice is locked, so two concurrent outcomes make one request and one 409.
 */
export async function requestOutcome(
  deps: IngestDeps,
  principal: Principal,
  id: string,
  request: OutcomeRequest,
): Promise<OutcomeAccepted> {
  if (!isIncomingId(id)) throw new IncomingNotFound()
  await withTransaction(deps.pool, async (tx) => {
    const record = await findIncoming(tx, principal.tenantId, id, true)
    if (record === undefined) throw new IncomingNotFound()
    const refusal = outcomeRefusal(record.outcomeState)
    if (refusal !== undefined) throw refusalError(refusal)
    checkInvoiceRef(record, request.invoiceRef)
    const invoiceRef =
      request.invoiceRef === undefined
        ? undefined
        : {
            number: request.invoiceRef.number,
            year: request.invoiceRef.year,
            ...(request.invoiceRef.position === undefined ? {} : { position: request.invoiceRef.position }),
          }
    const wanted = {
      esito: request.esito,
      ...(request.description === undefined ? {} : { description: request.description }),
      ...(invoiceRef === undefined ? {} : { invoiceRef }),
    }
    const event = invoiceOutcomeRequested.create({
      source: 'ingest',
      tenantId: principal.tenantId,
      invoiceId: id,
      correlationId: record.correlationId,
      data: {
        identificativoSdI: record.identificativoSdI,
        invoiceFileName: record.fileName,
        ...wanted,
        ...(record.outcomeBy === null ? {} : { outcomeBy: record.outcomeBy }),
      },
    })
    await updateOutcome(tx, id, 'outcome_requested', { ...wanted, requestedAt: event.occurredAt })
    await insertIncomingHistory(tx, {
      eventId: event.id,
      incomingId: id,
      type: event.type,
      occurredAt: event.occurredAt,
      detail: wanted,
    })
    await enqueueEvents(tx, INGEST_SCHEMA, [event], { notify: false })
  })
  deps.wakeRelay()
  return { id, outcomeState: 'outcome_requested', statusUrl: `/v1/incoming-invoices/${id}` }
}
