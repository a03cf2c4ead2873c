import type { Queryable } from '@varco/db'
import type { Formato, LifecycleState } from '../../domain/lifecycle.ts'

/** A transmitted file as far as its events have told: formato, file name and IdentificativoSdI may still be missing. */
export interface OutboundFile {
  readonly invoiceId: string
  readonly tenantId: string
  readonly correlationId: string
  readonly formato: Formato | undefined
  readonly fileName: string | undefined
  readonly identificativoSdI: string | undefined
  readonly state: LifecycleState
  readonly sequence: number
}

interface Row {
  invoice_id: string
  tenant_id: string
  correlation_id: string
  formato: Formato | null
  file_name: string | null
  identificativo_sdi: string | null
  state: LifecycleState
  sequence: number
}

const COLUMNS = 'invoice_id, tenant_id, correlation_id, formato, file_name, identificativo_sdi, state, sequence'

const fileOf = (row: Row): OutboundFile => ({
  invoiceId: row.invoice_id,
  tenantId: row.tenant_id,
  correlationId: row.correlation_id,
  formato: row.formato ?? undefined,
  fileName: row.file_name ?? undefined,
  identificativoSdI: row.identificativo_sdi ?? undefined,
  state: row.state,
  sequence: row.sequence,
})

/** What one event says about a file: the envelope's ids and the columns it fills. */
export interface OutboundFacts {
  readonly invoiceId: string
  readonly tenantId: string
  readonly correlationId: string
  readonly formato?: Formato
  readonly fileName?: string
  readonly identificativoSdI?: string
}

/** Fills the columns an event knows, keeping those others filled: events of different topics come in any order. */
export async function recordOutboundFacts(tx: Queryable, schema: string, facts: OutboundFacts): Promise<void> {
  await tx.query(
    `INSERT INTO ${schema}.outbound_files (invoice_id, tenant_id, correlation_id, formato, file_name, identificativo_sdi)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (invoice_id) DO UPDATE SET
       formato = coalesce(EXCLUDED.formato, outbound_files.formato),
       file_name = coalesce(EXCLUDED.file_name, outbound_files.file_name),
       identificativo_sdi = coalesce(EXCLUDED.identificativo_sdi, outbound_files.identificativo_sdi),
       updated_at = now()`,
    [
      facts.invoiceId,
      facts.tenantId,
      facts.correlationId,
      facts.formato ?? null,
      facts.fileName ?? null,
      facts.identificativoSdI ?? null,
    ],
  )
}

/** The file of an invoice; with `lock`, its row is locked until the transaction ends. */
export async function outboundFile(
  tx: Queryable,
  schema: string,
  invoiceId: string,
  lock = false,
): Promise<OutboundFile | undefined> {
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM ${schema}.outbound_files WHERE invoice_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [invoiceId],
  )
  return rows[0] === undefined ? undefined : fileOf(rows[0])
}

/**
 * The file a message is about, locked: by IdentificativoSdI, else by the invoice file name it carries (also when the
 * file has another IdentificativoSdI: SdI's 00002 refusal of a resend under the same name is about the file too).
 */
export async function matchOutboundFile(
  tx: Queryable,
  schema: string,
  identificativoSdI: string,
  fileName: string,
): Promise<OutboundFile | undefined> {
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM ${schema}.outbound_files
      WHERE identificativo_sdi = $1 OR file_name = $2
      ORDER BY (identificativo_sdi = $1) DESC NULLS LAST
      LIMIT 1
      FOR UPDATE`,
    [identificativoSdI, fileName],
  )
  return rows[0] === undefined ? undefined : fileOf(rows[0])
}

/** Moves a file on after a decided message: its state (unchanged unless the message made a transition) and sequence. */
export async function advanceFile(
  tx: Queryable,
  schema: string,
  invoiceId: string,
  state: LifecycleState,
  sequence: number,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.outbound_files SET state = $2, sequence = $3, updated_at = now() WHERE invoice_id = $1`,
    [invoiceId, state, sequence],
  )
}
