import { invoiceReceived } from '@varco/contracts'
import { outboxRowOf, withTransaction } from '@varco/db'
import type { TransliterationChange } from '@varco/fatturapa'
import { claimIdempotencyKey } from '../adapters/pg/idempotency-repository.ts'
import { insertAcceptedInvoice } from '../adapters/pg/invoice-repository.ts'
import type { Principal } from '../adapters/pg/tenant-repository.ts'
import { fileDeadline } from '../domain/deadline.ts'
import type { DocumentFacts } from '../domain/file-facts.ts'
import { newInvoiceId } from '../domain/ids.ts'
import { requestFingerprint } from '../domain/idempotency.ts'
import { RECEIVED_RANK } from '../domain/status.ts'
import { IdempotencyConflict, TransmitterNotAllowed } from '../errors.ts'
import type { IngestDeps } from './deps.ts'
import { checkSubmission, type SubmissionRequest } from './check-submission.ts'

export interface SubmitRequest extends SubmissionRequest {
  readonly idempotencyKey: string | undefined
}

/** The body of a 202: what a vendor keeps to follow the invoice. */
export interface Accepted {
  readonly id: string
  readonly status: 'received'
  readonly statusUrl: string
  readonly transliterations?: TransliterationChange[]
}

export interface SubmitResult {
  readonly accepted: Accepted
  /** True when an earlier request with the same Idempotency-Key created the invoice. */
  readonly replayed: boolean
}

function earliestDate(documents: readonly DocumentFacts[]): string | undefined {
  const dates = documents.map((d) => d.date).filter((date) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date))
  return dates.sort()[0]
}

function fingerprintOf(request: SubmitRequest): Buffer {
  return requestFingerprint(
    [request.kind, `transliterate=${request.transliterate}`, `validate=${request.validate}`],
    request.body,
  )
}

/**
 * Accepts an invoice file: checks it (and with validate=sync validates it), then in ONE transaction claims the
 * Idempotency-Key, stores the file, writes the invoice view and puts invoice.received in the outbox. Kafka is not
 * involved: the relay publishes later, so invoices are accepted while the broker is down.
 */
export async function submitInvoice(
  deps: IngestDeps,
  principal: Principal,
  request: SubmitRequest,
): Promise<SubmitResult> {
  const checked = await checkSubmission(deps, principal, request, {
    reportInvalid: 'throw',
    transmitterCheck: 'at-write',
  })
  const id = newInvoiceId()
  const accepted: Accepted = {
    id,
    status: 'received',
    statusUrl: `/v1/invoices/${id}`,
    ...(checked.transliterations.length > 0 ? { transliterations: [...checked.transliterations] } : {}),
  }
  const { transmitter, recipientCode, documents } = checked.facts
  const result = await withTransaction(deps.pool, async (tx): Promise<SubmitResult> => {
    if (request.idempotencyKey !== undefined) {
      const fingerprint = fingerprintOf(request)
      const claim = await claimIdempotencyKey(tx, {
        tenantId: principal.tenantId,
        key: request.idempotencyKey,
        fingerprint,
        invoiceId: id,
        response: accepted,
      })
      if (claim.kind === 'taken') {
        if (!claim.fingerprint.equals(fingerprint)) throw new IdempotencyConflict()
        return { accepted: claim.response as Accepted, replayed: true }
      }
    }
    const document = await deps.documents.put(checked.file.bytes, checked.file.mediaType, tx)
    const event = invoiceReceived.create({
      source: 'ingest',
      tenantId: principal.tenantId,
      invoiceId: id,
      correlationId: id,
      data: { document, receivedVia: 'api' },
    })
    const inserted = await insertAcceptedInvoice(
      tx,
      {
        id,
        tenantId: principal.tenantId,
        status: 'received',
        rank: RECEIVED_RANK,
        transmitter,
        recipientCode,
        documents,
        invoiceDate: earliestDate(documents),
        deadline: fileDeadline(documents),
        original: { sha256: document.sha256, mediaType: checked.file.mediaType },
        correlationId: id,
      },
      outboxRowOf(event),
    )
    if (!inserted) throw new TransmitterNotAllowed(transmitter)
    return { accepted, replayed: false }
  })
  if (!result.replayed) deps.wakeRelay()
  return result
}
