import { invoiceReceived } from '@varco/contracts'
import { outboxRowOf, withTransaction } from '@varco/db'
import type { TransliterationChange } from '@varco/fatturapa'
import type pg from 'pg'
import { claimIdempotencyKey } from '../adapters/pg/idempotency-repository.ts'
import { insertAcceptedInvoice } from '../adapters/pg/invoice-repository.ts'
import type { Principal } from '../adapters/pg/tenant-repository.ts'
import { fileDeadline } from '../domain/deadline.ts'
import type { DocumentFacts } from '../domain/file-facts.ts'
import { newInvoiceId } from '../domain/ids.ts'
import { requestFingerprint } from '../domain/idempotency.ts'
import { RECEIVED_RANK } from '../domain/status.ts'
import { IdempotencyConflict, TransmitterNotAllowed } from '../errors.ts'
import { DEFAULT_IDEMPOTENCY_RETENTION_MS, type IngestDeps } from './deps.ts'
import { checkSubmission, type CheckedSubmission, type SubmissionRequest } from './check-submission.ts'

export interface SubmitRequest extends SubmissionRequest {
  readonly idempotencyKey: string | undefined
}

/** The body of a 202: what a vendor keeps to follow the invoice. */
export interface Accepted {
  readonly id: string
  readonly status: 'received'
  readonly statusUrl: string
  readonly transliterations?: TransliterationChange[]
  /** For a resubmission: the rejected invoice it corrects. */
  readonly resubmissionOf?: string
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

function fingerprintOf(request: SubmitRequest, purpose: string): Buffer {
  const options = [request.kind, `transliterate=${request.transliterate}`, `validate=${request.validate}`]
  // A submission's fingerprint stays what it was before resubmissions existed, so stored keys keep matching.
  return requestFingerprint(purpose === 'submission' ? options : [purpose, ...options], request.body)
}

/** A file accepted in the caller's transaction, about to be written (see acceptInTransaction). */
export interface Acceptance {
  readonly principal: Principal
  readonly request: SubmitRequest
  readonly checked: CheckedSubmission
  /** What the Idempotency-Key is for, in its fingerprint: a submission, or the resubmission of one invoice. */
  readonly purpose: string
  readonly resubmissionOf?: string
  /** Runs after the key is claimed and before the invoice is written: a resubmission's checks, with its locks. */
  readonly before?: (tx: pg.PoolClient) => Promise<void>
}

/** The 202 body of a new invoice. */
function acceptedBody(id: string, acceptance: Acceptance): Accepted {
  const { transliterations } = acceptance.checked
  return {
    id,
    status: 'received',
    statusUrl: `/v1/invoices/${id}`,
    ...(transliterations.length > 0 ? { transliterations: [...transliterations] } : {}),
    ...(acceptance.resubmissionOf === undefined ? {} : { resubmissionOf: acceptance.resubmissionOf }),
  }
}

/**
 * In ONE transaction: claims the Idempotency-Key (a retry replays the first response), stores the file, writes the
 * invoice view and puts invoice.received in the outbox. Kafka is not involved: the relay publishes later, so
 * invoices are accepted while the broker is down.
 */
export async function acceptInTransaction(
  deps: IngestDeps,
  acceptance: Acceptance,
  afterInsert?: (tx: pg.PoolClient, id: string) => Promise<void>,
): Promise<SubmitResult> {
  const { principal, request, checked } = acceptance
  const id = newInvoiceId()
  const accepted = acceptedBody(id, acceptance)
  const { transmitter, recipientCode, documents } = checked.facts
  const result = await withTransaction(deps.pool, async (tx): Promise<SubmitResult> => {
    if (request.idempotencyKey !== undefined) {
      const fingerprint = fingerprintOf(request, acceptance.purpose)
      const claim = await claimIdempotencyKey(tx, {
        tenantId: principal.tenantId,
        key: request.idempotencyKey,
        fingerprint,
        invoiceId: id,
        response: accepted,
        expiredBefore: new Date(
          deps.now().getTime() - (deps.idempotencyRetentionMs ?? DEFAULT_IDEMPOTENCY_RETENTION_MS),
        ),
      })
      if (claim.kind === 'taken') {
        if (!claim.fingerprint.equals(fingerprint)) throw new IdempotencyConflict()
        return { accepted: claim.response as Accepted, replayed: true }
      }
    }
    await acceptance.before?.(tx)
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
        resubmissionOf: acceptance.resubmissionOf,
      },
      outboxRowOf(event),
    )
    if (!inserted) throw new TransmitterNotAllowed(transmitter)
    await afterInsert?.(tx, id)
    return { accepted, replayed: false }
  })
  if (!result.replayed) deps.wakeRelay()
  return result
}

/**
 * Accepts an invoice file: checks it (and with validate=sync validates it), then accepts it in one transaction.
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
  return acceptInTransaction(deps, { principal, request, checked, purpose: 'submission' })
}
