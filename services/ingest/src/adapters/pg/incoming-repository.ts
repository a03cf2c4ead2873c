import type { InvoiceIncoming } from '@varco/contracts'
import type { Queryable } from '@varco/db'
import type { Cursor } from '../../domain/cursor.ts'
import type { Formato, OutcomeState } from '../../domain/incoming-outcome.ts'

// The only module that reads and writes the incoming invoices' view and their outcome history.

type IncomingData = InvoiceIncoming['data']

/** A document store address with its media type. */
export interface StoredFile {
  readonly sha256: string
  readonly mediaType: string
}

/** The client's last outcome and what SdI made of it. */
export interface OutcomeRecord {
  readonly esito: 'EC01' | 'EC02'
  readonly description?: string
  readonly invoiceRef?: { readonly number: string; readonly year: number; readonly position?: number }
  readonly requestedAt: string
  readonly result?: 'ES01' | 'ES00' | 'failed'
  readonly ecFileName?: string
  readonly scarto?: { readonly code: 'EN00' | 'EN01'; readonly description?: string; readonly messageFileName: string }
  readonly failure?: { readonly cause: string; readonly message: string }
  readonly answeredAt?: string
}

export interface IncomingRecord {
  readonly id: string
  readonly identificativoSdI: string
  readonly fileName: string
  readonly formato: Formato
  readonly file: StoredFile
  readonly content: StoredFile
  readonly metadata: StoredFile
  readonly metadataFileName: string
  readonly signature: IncomingData['signature']
  readonly codiceDestinatario: string
  readonly seller: IncomingData['seller']
  readonly buyer: IncomingData['buyer']
  readonly documents: IncomingData['documents']
  readonly receivedAt: string
  readonly heldSince: string | null
  readonly outcomeBy: string | null
  readonly outcomeState: OutcomeState
  readonly outcome: OutcomeRecord | null
  readonly correlationId: string
  /** received_at with microseconds, UTC: the listing cursor. */
  readonly cursorTime: string
}

export interface IncomingFilter {
  readonly sellerVat?: string | undefined
  readonly formato?: Formato | undefined
  readonly outcomeState?: OutcomeState | undefined
  readonly invoiceNumber?: string | undefined
  readonly receivedFrom?: string | undefined
  readonly receivedTo?: string | undefined
  readonly invoiceDateFrom?: string | undefined
  readonly invoiceDateTo?: string | undefined
}

interface IncomingRow {
  id: string
  identificativo_sdi: string
  file_name: string
  formato: Formato
  file_sha256: string
  file_type: string
  content_sha256: string
  content_type: string
  metadata_sha256: string
  metadata_type: string
  metadata_file_name: string
  signature: IncomingData['signature']
  codice_destinatario: string
  seller: IncomingData['seller']
  buyer: IncomingData['buyer']
  documents: IncomingData['documents']
  received_at: Date
  held_since: Date | null
  outcome_by: string | null
  outcome_state: OutcomeState
  outcome: OutcomeRecord | null
  correlation_id: string
  cursor_time: string
}

const COLUMNS = `id, identificativo_sdi, file_name, formato, file_sha256, file_type, content_sha256, content_type,
  metadata_sha256, metadata_type, metadata_file_name, signature, codice_destinatario, seller, buyer, documents,
  received_at, held_since, to_char(outcome_by, 'YYYY-MM-DD') AS outcome_by, outcome_state, outcome, correlation_id,
  to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_time`

function recordOf(row: IncomingRow): IncomingRecord {
  return {
    id: row.id,
    identificativoSdI: row.identificativo_sdi,
    fileName: row.file_name,
    formato: row.formato,
    file: { sha256: row.file_sha256, mediaType: row.file_type },
    content: { sha256: row.content_sha256, mediaType: row.content_type },
    metadata: { sha256: row.metadata_sha256, mediaType: row.metadata_type },
    metadataFileName: row.metadata_file_name,
    signature: row.signature,
    codiceDestinatario: row.codice_destinatario,
    seller: row.seller,
    buyer: row.buyer,
    documents: row.documents,
    receivedAt: row.received_at.toISOString(),
    heldSince: row.held_since?.toISOString() ?? null,
    outcomeBy: row.outcome_by,
    outcomeState: row.outcome_state,
    outcome: row.outcome,
    correlationId: row.correlation_id,
    cursorTime: row.cursor_time,
  }
}

/** The seller's VAT number as one string (IT01234567890), for the filter; undefined when the file names none. */
function vatOf(party: IncomingData['seller']): string | undefined {
  return party.vatNumber === undefined ? undefined : `${party.country}${party.vatNumber}`
}

/** Inserts a delivered invoice into its tenant's view; false when it is there already (the same file again). */
export async function insertIncoming(
  tx: Queryable,
  event: InvoiceIncoming,
  outcomeState: OutcomeState,
): Promise<boolean> {
  const { data } = event
  const dates = data.documents.map((d) => d.data).sort()
  const result = await tx.query(
    `INSERT INTO ingest.incoming_invoices (id, tenant_id, identificativo_sdi, file_name, formato, file_sha256,
       file_type, content_sha256, content_type, metadata_sha256, metadata_type, metadata_file_name, signature,
       codice_destinatario, seller, seller_vat, buyer, documents, invoice_date, received_at, held_since, outcome_by,
       outcome_state, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
       $24)
     ON CONFLICT (id) DO NOTHING`,
    [
      event.invoiceId,
      event.tenantId,
      data.identificativoSdI,
      data.fileName,
      data.formato,
      data.file.sha256,
      data.file.mediaType,
      data.content.sha256,
      data.content.mediaType,
      data.metadata.sha256,
      data.metadata.mediaType,
      data.metadataFileName,
      JSON.stringify(data.signature),
      data.codiceDestinatario,
      JSON.stringify(data.seller),
      vatOf(data.seller) ?? null,
      JSON.stringify(data.buyer),
      JSON.stringify(data.documents),
      dates[0] ?? null,
      data.receivedAt,
      data.heldSince ?? null,
      data.outcomeBy ?? null,
      outcomeState,
      event.correlationId,
    ],
  )
  return result.rowCount === 1
}

/** One of a tenant's incoming invoices; `lock` takes it FOR UPDATE in the caller's transaction. */
export async function findIncoming(
  db: Queryable,
  tenantId: string,
  id: string,
  lock = false,
): Promise<IncomingRecord | undefined> {
  const { rows } = await db.query<IncomingRow>(
    `SELECT ${COLUMNS} FROM ingest.incoming_invoices WHERE id = $1 AND tenant_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [id, tenantId],
  )
  return rows[0] && recordOf(rows[0])
}

/** Sets the outcome state and the outcome record of an incoming invoice. */
export async function updateOutcome(
  tx: Queryable,
  id: string,
  state: OutcomeState,
  outcome: OutcomeRecord | null,
): Promise<void> {
  await tx.query(
    'UPDATE ingest.incoming_invoices SET outcome_state = $2, outcome = $3, updated_at = now() WHERE id = $1',
    [id, state, outcome === null ? null : JSON.stringify(outcome)],
  )
}

const FILTERS: ReadonlyArray<readonly [keyof IncomingFilter, (p: string) => string]> = [
  ['sellerVat', (p) => `seller_vat = ${p}`],
  ['formato', (p) => `formato = ${p}`],
  ['outcomeState', (p) => `outcome_state = ${p}`],
  ['invoiceNumber', (p) => `documents @> jsonb_build_array(jsonb_build_object('numero', ${p}::text))`],
  ['receivedFrom', (p) => `received_at >= ${p}::timestamptz`],
  ['receivedTo', (p) => `received_at < ${p}::timestamptz`],
  ['invoiceDateFrom', (p) => `invoice_date >= ${p}::date`],
  ['invoiceDateTo', (p) => `invoice_date <= ${p}::date`],
]

/** A page of a tenant's incoming invoices, newest first (received time, then id). */
export async function selectIncoming(
  db: Queryable,
  tenantId: string,
  filter: IncomingFilter,
  after: Cursor | undefined,
  limit: number,
): Promise<IncomingRecord[]> {
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
    where.push(`(received_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::text)`)
  }
  values.push(limit)
  const { rows } = await db.query<IncomingRow>(
    `SELECT ${COLUMNS} FROM ingest.incoming_invoices WHERE ${where.join(' AND ')}
     ORDER BY received_at DESC, id DESC LIMIT $${values.length}`,
    values,
  )
  return rows.map(recordOf)
}
