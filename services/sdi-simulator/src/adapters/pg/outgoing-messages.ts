import type { Queryable } from '@varco/db'
import type { PaNotificaEsitoCommittente, SdiError } from '@varco/fatturapa'
import type { DueMessage } from '../../domain/due-message.ts'
import type { PlannedMessage } from '../../domain/plan.ts'

export interface ClaimedMessage extends DueMessage {
  readonly id: string
  readonly attempts: number
  /** Set once built: retries resend the same bytes under the same name and id. */
  readonly built?: { readonly messageId: string; readonly fileName: string; readonly body: Buffer }
}

interface Row {
  id: string
  kind: PlannedMessage
  esito: 'EC01' | 'EC02' | null
  esito_committente: PaNotificaEsitoCommittente | null
  attempts: number
  message_id: string | null
  message_file_name: string | null
  body: Buffer | null
  identificativo_sdi: string
  file_name: string
  received_at: Date
  sha256: string
  formato: 'FPA12' | 'FPR12'
  recipient_code: string | null
  recipient_name: string | null
  errors: SdiError[]
}

function claimed(row: Row): ClaimedMessage {
  const built =
    row.body === null || row.message_id === null || row.message_file_name === null
      ? undefined
      : { messageId: row.message_id, fileName: row.message_file_name, body: row.body }
  return {
    id: row.id,
    kind: row.kind,
    ...(row.esito === null ? {} : { esito: row.esito }),
    ...(row.esito_committente === null ? {} : { esitoCommittente: row.esito_committente }),
    attempts: row.attempts,
    ...(built === undefined ? {} : { built }),
    errors: row.errors,
    file: {
      identificativoSdI: row.identificativo_sdi,
      nomeFile: row.file_name,
      receivedAt: row.received_at,
      hash: row.sha256,
      formato: row.formato,
      recipient: { code: row.recipient_code ?? '0000000', name: row.recipient_name ?? '' },
    },
  }
}

/** Locks up to `limit` messages due by `now`, oldest first; other dispatchers skip them until this one commits. */
export async function claimDueMessages(
  tx: Queryable,
  schema: string,
  now: Date,
  limit: number,
): Promise<ClaimedMessage[]> {
  const { rows } = await tx.query<Row>(
    `SELECT m.id, m.kind, m.esito, m.esito_committente, m.attempts, m.message_id, m.message_file_name, m.body,
            f.identificativo_sdi, f.file_name, f.received_at, f.sha256, f.formato, f.recipient_code, f.recipient_name,
            f.errors
       FROM ${schema}.outgoing_messages m JOIN ${schema}.received_files f USING (identificativo_sdi)
      WHERE m.sent_at IS NULL AND m.cancelled_at IS NULL AND m.last_error IS DISTINCT FROM 'abandoned'
        AND m.due_at <= $1
      ORDER BY m.due_at, m.id
      LIMIT $2
      FOR UPDATE OF m SKIP LOCKED`,
    [now, limit],
  )
  return rows.map(claimed)
}

export async function saveBuiltMessage(
  tx: Queryable,
  schema: string,
  id: string,
  built: NonNullable<ClaimedMessage['built']>,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.outgoing_messages SET message_id = $2, message_file_name = $3, body = $4 WHERE id = $1`,
    [id, built.messageId, built.fileName, built.body],
  )
}

export async function markSent(tx: Queryable, schema: string, id: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.outgoing_messages SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`,
    [id, at],
  )
}

/** A failed attempt: due again at `retryAt`, or abandoned (as SdI gives up) when there is none. */
export async function markFailed(
  tx: Queryable,
  schema: string,
  id: string,
  error: string,
  retryAt: Date | undefined,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.outgoing_messages
        SET attempts = attempts + 1, last_error = $2, due_at = COALESCE($3, due_at) WHERE id = $1`,
    [id, retryAt === undefined ? 'abandoned' : error.slice(0, 500), retryAt ?? null],
  )
}

/** An EC02 refusal frees the invoices' numbers (00404 no longer applies to them). */
export async function releaseInvoiceKeys(tx: Queryable, schema: string, identificativoSdI: string): Promise<void> {
  await tx.query(`UPDATE ${schema}.invoice_keys SET active = false WHERE identificativo_sdi = $1`, [identificativoSdI])
}
