import type { Queryable } from '@varco/db'
import type { OutboxRow } from '@varco/db'
import type { Cursor } from '../../domain/cursor.ts'
import type { DocumentFacts } from '../../domain/file-facts.ts'
import type { InvoiceStatus, ProjectionChange, SdiErrorView, SdiRejectionView } from '../../domain/status.ts'

// The only module that reads and writes the invoice view and its timeline.

export interface NewInvoice {
  readonly id: string
  readonly tenantId: string
  readonly status: InvoiceStatus
  readonly rank: number
  readonly transmitter: string
  readonly recipientCode: string | undefined
  readonly documents: readonly DocumentFacts[]
  readonly invoiceDate: string | undefined
  readonly deadline: string | undefined
  readonly original: { readonly sha256: string; readonly mediaType: string }
  readonly correlationId: string
  /** The rejected invoice this one corrects (POST /v1/invoices/{id}/resubmissions). */
  readonly resubmissionOf?: string | undefined
}

export interface InvoiceRecord {
  readonly id: string
  readonly status: InvoiceStatus
  readonly rank: number
  readonly transmitter: string
  readonly recipientCode: string | null
  readonly documents: DocumentFacts[]
  readonly deadline: string | null
  readonly sdiFileName: string | null
  readonly sdiId: string | null
  readonly errors: SdiErrorView[]
  readonly failure: NonNullable<ProjectionChange['failure']> | null
  readonly original: { readonly sha256: string; readonly mediaType: string }
  readonly signed: { readonly sha256: string; readonly mediaType: string } | null
  readonly sdiRejection: SdiRejectionView | null
  readonly delivery: NonNullable<ProjectionChange['delivery']> | null
  readonly sdiOutcome: NonNullable<ProjectionChange['sdiOutcome']> | null
  readonly reservedAreaSince: string | null
  readonly resubmissionOf: string | null
  readonly resubmittedAs: string | null
  /** Microsecond precision, UTC: the listing cursor. */
  readonly createdAt: string
  readonly updatedAt: string
}

export interface InvoiceFilter {
  readonly status?: InvoiceStatus | undefined
  readonly transmitter?: string | undefined
  readonly recipientCode?: string | undefined
  readonly sdiFileName?: string | undefined
  readonly invoiceNumber?: string | undefined
  readonly createdFrom?: string | undefined
  readonly createdTo?: string | undefined
  readonly invoiceDateFrom?: string | undefined
  readonly invoiceDateTo?: string | undefined
}

interface InvoiceRow {
  id: string
  status: InvoiceStatus
  status_rank: number
  transmitter: string
  recipient_code: string | null
  documents: DocumentFacts[]
  deadline: string | null
  sdi_file_name: string | null
  sdi_id: string | null
  errors: SdiErrorView[]
  failure: NonNullable<ProjectionChange['failure']> | null
  original_sha256: string
  original_type: string
  signed_sha256: string | null
  signed_type: string | null
  sdi_rejection: SdiRejectionView | null
  delivery: NonNullable<ProjectionChange['delivery']> | null
  sdi_outcome: NonNullable<ProjectionChange['sdiOutcome']> | null
  reserved_area_since: Date | null
  resubmission_of: string | null
  resubmitted_as: string | null
  created_at: string
  updated_at: Date
}

const COLUMNS = `id, status, status_rank, transmitter, recipient_code, documents, to_char(deadline, 'YYYY-MM-DD') AS deadline,
  sdi_file_name, sdi_id, errors, failure, original_sha256, original_type, signed_sha256, signed_type, updated_at,
  sdi_rejection, delivery, sdi_outcome, reserved_area_since, resubmission_of, resubmitted_as,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at`

function recordOf(row: InvoiceRow): InvoiceRecord {
  return {
    id: row.id,
    status: row.status,
    rank: row.status_rank,
    transmitter: row.transmitter,
    recipientCode: row.recipient_code,
    documents: row.documents,
    deadline: row.deadline,
    sdiFileName: row.sdi_file_name,
    sdiId: row.sdi_id,
    errors: row.errors,
    failure: row.failure,
    original: { sha256: row.original_sha256, mediaType: row.original_type },
    signed:
      row.signed_sha256 === null
        ? null
        : { sha256: row.signed_sha256, mediaType: row.signed_type ?? 'application/xml' },
    sdiRejection: row.sdi_rejection,
    delivery: row.delivery,
    sdiOutcome: row.sdi_outcome,
    reservedAreaSince: row.reserved_area_since?.toISOString() ?? null,
    resubmissionOf: row.resubmission_of,
    resubmittedAs: row.resubmitted_as,
    createdAt: row.created_at,
    updatedAt: row.updated_at.toISOString(),
  }
}

/**
 * Inserts an accepted invoice and its invoice.received outbox row in one statement, if the file's transmitter is one
 * of the tenant's; false when it is not (nothing inserted). The caller's transaction holds the stored file too.
 */
export async function insertAcceptedInvoice(tx: Queryable, invoice: NewInvoice, event: OutboxRow): Promise<boolean> {
  // A named statement: parsed and planned once per connection, not on each of the many accepted invoices.
  const { rows } = await tx.query<{ inserted: number }>({
    name: 'ingest-accept-invoice',
    text: `WITH allowed AS (
       SELECT 1 FROM ingest.transmitters WHERE tenant_id = $2 AND transmitter = $5
     ), invoice AS (
       INSERT INTO ingest.invoices (id, tenant_id, status, status_rank, transmitter, recipient_code, invoice_numbers,
         documents, invoice_date, deadline, original_sha256, original_type, correlation_id, resubmission_of)
       SELECT $1::uuid, $2::text, $3::text, $4::integer, $5::text, $6::text, $7::text[], $8::jsonb, $9::date, $10::date,
         $11::text, $12::text, $13::text, $20::uuid
       FROM allowed
       RETURNING id
     ), outbox AS (
       INSERT INTO ingest.outbox (event_id, event_type, event_version, message_key, headers, payload)
       SELECT $14::uuid, $15::text, $16::integer, $17::text, $18::jsonb, $19::text FROM invoice
     )
     SELECT count(*)::int AS inserted FROM invoice`,
    values: [
      invoice.id,
      invoice.tenantId,
      invoice.status,
      invoice.rank,
      invoice.transmitter,
      invoice.recipientCode ?? null,
      invoice.documents.map((document) => document.number),
      JSON.stringify(invoice.documents),
      invoice.invoiceDate ?? null,
      invoice.deadline ?? null,
      invoice.original.sha256,
      invoice.original.mediaType,
      invoice.correlationId,
      event.eventId,
      event.type,
      event.version,
      event.key,
      event.headers,
      event.payload,
      invoice.resubmissionOf ?? null,
    ],
  })
  return rows[0]?.inserted === 1
}

/** One of a tenant's invoices; undefined when the tenant has no invoice with that id (whoever else may have one). */
export async function findInvoice(db: Queryable, tenantId: string, id: string): Promise<InvoiceRecord | undefined> {
  const { rows } = await db.query<InvoiceRow>(
    `SELECT ${COLUMNS} FROM ingest.invoices WHERE id = $1 AND tenant_id = $2`,
    [id, tenantId],
  )
  return rows[0] && recordOf(rows[0])
}

const FILTERS: ReadonlyArray<readonly [keyof InvoiceFilter, (p: string) => string]> = [
  ['status', (p) => `status = ${p}`],
  ['transmitter', (p) => `transmitter = ${p}`],
  ['recipientCode', (p) => `recipient_code = ${p}`],
  ['sdiFileName', (p) => `sdi_file_name = ${p}`],
  ['invoiceNumber', (p) => `invoice_numbers @> ARRAY[${p}::text]`],
  ['createdFrom', (p) => `created_at >= ${p}::timestamptz`],
  ['createdTo', (p) => `created_at < ${p}::timestamptz`],
  ['invoiceDateFrom', (p) => `invoice_date >= ${p}::date`],
  ['invoiceDateTo', (p) => `invoice_date <= ${p}::date`],
]

/** A page of a tenant's invoices, newest first (created time, then id: a stable order for the cursor). */
export async function selectInvoices(
  db: Queryable,
  tenantId: string,
  filter: InvoiceFilter,
  after: Cursor | undefined,
  limit: number,
): Promise<InvoiceRecord[]> {
  const values: unknown[] = [tenantId]
  const where = ['tenant_id = $1']
  for (const [name, condition] of FILTERS) {
    const value = filter[name]
    if (value === undefined) continue
    values.push(value)
    where.push(condition(`$${values.length}`))
  }
  if (after !== undefined) {
    values.push(after.createdAt, after.id)
    where.push(`(created_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`)
  }
  values.push(limit)
  const { rows } = await db.query<InvoiceRow>(
    `SELECT ${COLUMNS} FROM ingest.invoices WHERE ${where.join(' AND ')}
     ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
    values,
  )
  return rows.map(recordOf)
}

/** Locks one invoice of a tenant for a projection update; undefined when it is not one of this service's. */
export async function lockInvoice(
  tx: Queryable,
  tenantId: string,
  id: string,
): Promise<{ status: InvoiceStatus; rank: number } | undefined> {
  const { rows } = await tx.query<{ status: InvoiceStatus; status_rank: number }>(
    'SELECT status, status_rank FROM ingest.invoices WHERE id = $1 AND tenant_id = $2 FOR UPDATE',
    [id, tenantId],
  )
  const row = rows[0]
  return row && { status: row.status, rank: row.status_rank }
}

/** Applies what an event changed: the status it moved to (maybe unchanged) and the facts it brought. */
export async function updateInvoice(
  tx: Queryable,
  id: string,
  status: { status: InvoiceStatus; rank: number },
  change: ProjectionChange,
): Promise<void> {
  await tx.query(
    `UPDATE ingest.invoices SET status = $2, status_rank = $3,
       signed_sha256 = coalesce($4, signed_sha256), signed_type = coalesce($5, signed_type),
       sdi_file_name = coalesce($6, sdi_file_name), sdi_id = coalesce($7, sdi_id),
       errors = coalesce($8::jsonb, errors), failure = coalesce($9::jsonb, failure),
       sdi_rejection = coalesce($10::jsonb, sdi_rejection), delivery = coalesce($11::jsonb, delivery),
       sdi_outcome = coalesce($12::jsonb, sdi_outcome),
       reserved_area_since = coalesce($13::timestamptz, reserved_area_since), updated_at = now()
     WHERE id = $1`,
    [
      id,
      status.status,
      status.rank,
      change.signed?.sha256 ?? null,
      change.signed?.mediaType ?? null,
      change.sdiFileName ?? null,
      change.sdiId ?? null,
      change.errors === undefined ? null : JSON.stringify(change.errors),
      change.failure === undefined ? null : JSON.stringify(change.failure),
      jsonOrNull(change.sdiRejection),
      jsonOrNull(change.delivery),
      jsonOrNull(change.sdiOutcome),
      change.reservedAreaSince ?? null,
    ],
  )
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value)
}

/** Locks one of a tenant's invoices for a resubmission; undefined when the tenant has none with that id. */
export async function lockInvoiceRecord(
  tx: Queryable,
  tenantId: string,
  id: string,
): Promise<InvoiceRecord | undefined> {
  const { rows } = await tx.query<InvoiceRow>(
    `SELECT ${COLUMNS} FROM ingest.invoices WHERE id = $1 AND tenant_id = $2 FOR UPDATE`,
    [id, tenantId],
  )
  return rows[0] && recordOf(rows[0])
}

/** Links a rejected invoice to the corrected one sent for it. */
export async function markResubmitted(tx: Queryable, id: string, resubmittedAs: string): Promise<void> {
  await tx.query('UPDATE ingest.invoices SET resubmitted_as = $2, updated_at = now() WHERE id = $1', [
    id,
    resubmittedAs,
  ])
}
