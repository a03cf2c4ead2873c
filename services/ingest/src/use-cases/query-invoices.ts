import type { DocumentContent } from '@varco/documents'
import {
  findInvoice,
  selectInvoices,
  type InvoiceFilter,
  type InvoiceRecord,
} from '../adapters/pg/invoice-repository.ts'
import { selectTimeline, type TimelineEntry } from '../adapters/pg/timeline-repository.ts'
import type { Principal } from '../adapters/pg/tenant-repository.ts'
import { decodeCursor, encodeCursor } from '../domain/cursor.ts'
import { deadlineView, type DeadlineView } from '../domain/deadline.ts'
import { isInvoiceId } from '../domain/ids.ts'
import { resubmissionWindow, type ResubmissionWindow } from '../domain/resubmission.ts'
import { reachedSdi, type SdiRejectionView } from '../domain/status.ts'
import { FileNotReady, InvoiceNotFound } from '../errors.ts'
import type { IngestDeps } from './deps.ts'

/** An invoice as the API shows it. */
export interface InvoiceView {
  readonly id: string
  readonly status: InvoiceRecord['status']
  readonly transmitter: string
  readonly recipientCode: string | null
  readonly documents: InvoiceRecord['documents']
  readonly deadline: DeadlineView | null
  readonly sdiFileName: string | null
  readonly sdiId: string | null
  readonly errors: InvoiceRecord['errors']
  readonly failure: InvoiceRecord['failure']
  readonly files: { readonly original: string; readonly signed: string | null }
  readonly sdiRejection: (SdiRejectionView & ResubmissionWindow) | null
  readonly delivery: InvoiceRecord['delivery']
  readonly sdiOutcome: InvoiceRecord['sdiOutcome']
  readonly reservedAreaSince: string | null
  readonly resubmissionOf: string | null
  readonly resubmittedAs: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

/** An invoice with every event about it. */
export interface InvoiceDetail extends InvoiceView {
  readonly timeline: TimelineEntry[]
}

export interface InvoicePage {
  readonly items: InvoiceView[]
  readonly nextCursor: string | null
}

function viewOf(record: InvoiceRecord, now: Date): InvoiceView {
  const url = `/v1/invoices/${record.id}`
  return {
    id: record.id,
    status: record.status,
    transmitter: record.transmitter,
    recipientCode: record.recipientCode,
    documents: record.documents,
    deadline:
      record.deadline === null ? null : deadlineView(record.deadline, now, reachedSdi(record.status, record.rank)),
    sdiFileName: record.sdiFileName,
    sdiId: record.sdiId,
    errors: record.errors,
    failure: record.failure,
    files: { original: `${url}/files/original`, signed: record.signed === null ? null : `${url}/files/signed` },
    sdiRejection:
      record.sdiRejection === null
        ? null
        : { ...record.sdiRejection, ...resubmissionWindow(record.sdiRejection.resubmitBy, now) },
    delivery: record.delivery,
    sdiOutcome: record.sdiOutcome,
    reservedAreaSince: record.reservedAreaSince,
    resubmissionOf: record.resubmissionOf,
    resubmittedAs: record.resubmittedAs,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: record.updatedAt,
  }
}

async function ownInvoice(deps: IngestDeps, principal: Principal, id: string): Promise<InvoiceRecord> {
  // Another tenant's invoice and no invoice at all get the same answer: ids are never confirmed to exist.
  const record = isInvoiceId(id) ? await findInvoice(deps.pool, principal.tenantId, id) : undefined
  if (record === undefined) throw new InvoiceNotFound()
  return record
}

/** GET /v1/invoices/{id}: the view with its timeline. */
export async function getInvoice(deps: IngestDeps, principal: Principal, id: string): Promise<InvoiceDetail> {
  const record = await ownInvoice(deps, principal, id)
  return { ...viewOf(record, deps.now()), timeline: await selectTimeline(deps.pool, record.id) }
}

/** GET /v1/invoices: a page of the tenant's invoices, newest first. */
export async function listInvoices(
  deps: IngestDeps,
  principal: Principal,
  query: InvoiceFilter & { readonly cursor?: string | undefined; readonly limit: number },
): Promise<InvoicePage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const records = await selectInvoices(deps.pool, principal.tenantId, query, after, query.limit + 1)
  const page = records.slice(0, query.limit)
  const last = page.at(-1)
  const now = deps.now()
  return {
    items: page.map((record) => viewOf(record, now)),
    nextCursor:
      records.length > query.limit && last !== undefined
        ? encodeCursor({ createdAt: last.createdAt, id: last.id })
        : null,
  }
}

/** GET /v1/invoices/{id}/files/{which}: the file as received, or the file to transmit once signed. */
export async function getInvoiceFile(
  deps: IngestDeps,
  principal: Principal,
  id: string,
  which: 'original' | 'signed',
): Promise<DocumentContent> {
  const record = await ownInvoice(deps, principal, id)
  const ref = which === 'original' ? record.original : record.signed
  if (ref === null) throw new FileNotReady(which)
  const content = await deps.documents.get(ref.sha256)
  return { ...content, mediaType: ref.mediaType }
}
