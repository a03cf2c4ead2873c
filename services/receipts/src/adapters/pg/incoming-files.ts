import type { InvoiceIncomingTermsExpiredData } from '@varco/contracts'
import type { Queryable } from '@varco/db'
import type { IncomingData } from '../../domain/incoming.ts'
import type { Recipient } from '../../domain/routing.ts'

export type IncomingStatus = 'routed' | 'held' | 'unverified' | 'unreadable'

/** An invoice SdI delivered, as kept. `data` and `recipient` exist when the file could be verified and read. */
export interface IncomingFile {
  readonly invoiceId: string
  readonly identificativoSdI: string
  readonly fileName: string
  readonly callId: string
  readonly receivedAt: Date
  readonly status: IncomingStatus
  readonly problem?: string | undefined
  readonly recipient?: Recipient | undefined
  readonly data?: IncomingData | undefined
  readonly tenantId?: string | undefined
}

/** Keeps a delivered invoice once per IdentificativoSdI; false when it was kept already (SdI delivered it again). */
export async function keepIncomingFile(tx: Queryable, schema: string, file: IncomingFile): Promise<boolean> {
  const { recipient } = file
  const { rowCount } = await tx.query(
    `INSERT INTO ${schema}.incoming_files
       (invoice_id, identificativo_sdi, file_name, call_id, received_at, status, problem, codice_destinatario,
        metadata_codice, buyer_vat_number, buyer_codice_fiscale, data, tenant_id, routed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, CASE WHEN $6 = 'routed' THEN $5::timestamptz END)
     ON CONFLICT (identificativo_sdi) DO NOTHING`,
    [
      file.invoiceId,
      file.identificativoSdI,
      file.fileName,
      file.callId,
      file.receivedAt,
      file.status,
      file.problem?.slice(0, 2000) ?? null,
      recipient?.codes[0] ?? null,
      recipient?.codes.at(-1) ?? null,
      recipient?.buyer.vatNumber === undefined ? null : `${recipient.buyer.country}${recipient.buyer.vatNumber}`,
      recipient?.buyer.codiceFiscale ?? null,
      file.data ?? null,
      file.tenantId ?? null,
    ],
  )
  return rowCount === 1
}

interface HeldRow {
  invoice_id: string
  received_at: Date
  data: IncomingData
  metadata_codice: string
}

/** The invoices held for want of a route whose codes include `code`, oldest first, locked. */
export async function heldIncoming(
  tx: Queryable,
  schema: string,
  code: string,
): Promise<Array<{ invoiceId: string; receivedAt: Date; data: IncomingData; recipient: Recipient }>> {
  const { rows } = await tx.query<HeldRow>(
    `SELECT invoice_id, received_at, data, metadata_codice FROM ${schema}.incoming_files
      WHERE status = 'held' AND (codice_destinatario = $1 OR metadata_codice = $1)
      ORDER BY received_at, invoice_id
      FOR UPDATE`,
    [code],
  )
  return rows.map((row) => ({
    invoiceId: row.invoice_id,
    receivedAt: row.received_at,
    data: row.data,
    recipient: {
      codes: [...new Set([row.data.codiceDestinatario, row.metadata_codice])],
      buyer: row.data.buyer,
    },
  }))
}

export async function markRouted(tx: Queryable, schema: string, invoiceId: string, tenantId: string): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.incoming_files SET status = 'routed', tenant_id = $2, routed_at = now() WHERE invoice_id = $1`,
    [invoiceId, tenantId],
  )
}

/** The routed incoming file with this IdentificativoSdI (its envelope's ids), if any. */
export async function routedIncoming(
  tx: Queryable,
  schema: string,
  identificativoSdI: string,
): Promise<{ invoiceId: string; tenantId: string } | undefined> {
  const { rows } = await tx.query<{ invoice_id: string; tenant_id: string }>(
    `SELECT invoice_id, tenant_id FROM ${schema}.incoming_files WHERE identificativo_sdi = $1 AND status = 'routed'`,
    [identificativoSdI],
  )
  const row = rows[0]
  return row === undefined ? undefined : { invoiceId: row.invoice_id, tenantId: row.tenant_id }
}

export async function listHeldIncoming(tx: Queryable, schema: string): Promise<unknown[]> {
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT invoice_id, identificativo_sdi, file_name, received_at, status, problem, codice_destinatario,
            metadata_codice, buyer_vat_number, buyer_codice_fiscale
       FROM ${schema}.incoming_files WHERE status <> 'routed' ORDER BY received_at`,
  )
  return rows
}

/** Keeps a DT about an incoming file; it is emitted once that file is routed. */
export async function keepIncomingNotice(
  tx: Queryable,
  schema: string,
  callId: string,
  data: InvoiceIncomingTermsExpiredData,
): Promise<void> {
  await tx.query(`INSERT INTO ${schema}.incoming_notices (call_id, identificativo_sdi, data) VALUES ($1, $2, $3)`, [
    callId,
    data.identificativoSdI,
    data,
  ])
}

/** The DTs not emitted yet about an incoming file, in the order received, marked emitted (the caller emits them). */
export async function takeIncomingNotices(
  tx: Queryable,
  schema: string,
  identificativoSdI: string,
): Promise<InvoiceIncomingTermsExpiredData[]> {
  const { rows } = await tx.query<{ id: string; data: InvoiceIncomingTermsExpiredData }>(
    `UPDATE ${schema}.incoming_notices SET emitted_at = now()
      WHERE id IN (SELECT id FROM ${schema}.incoming_notices
                    WHERE identificativo_sdi = $1 AND emitted_at IS NULL ORDER BY id FOR UPDATE)
      RETURNING id, data`,
    [identificativoSdI],
  )
  return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id))).map((row) => row.data)
}
