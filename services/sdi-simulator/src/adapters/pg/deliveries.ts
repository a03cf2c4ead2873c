import type { Queryable } from '@varco/db'
import type { FileFacts } from '../../domain/messages.ts'

export interface ClaimedDelivery {
  readonly endpoint: string
  readonly attempts: number
  readonly file: FileFacts
  readonly bytes: Buffer
}

interface Row {
  endpoint: string
  attempts: number
  identificativo_sdi: string
  file_name: string
  received_at: Date
  sha256: string
  formato: 'FPA12' | 'FPR12'
  recipient_code: string
  recipient_name: string
  file: Buffer
}

/** Locks the deliveries due by `now`; other dispatchers skip them until this one commits. */
export async function claimDueDeliveries(
  tx: Queryable,
  schema: string,
  now: Date,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const { rows } = await tx.query<Row>(
    `SELECT d.endpoint, d.attempts, f.identificativo_sdi, f.file_name, f.received_at, f.sha256, f.formato,
            f.recipient_code, f.recipient_name, f.file
       FROM ${schema}.deliveries d JOIN ${schema}.received_files f USING (identificativo_sdi)
      WHERE d.delivered_at IS NULL AND d.given_up_at IS NULL AND d.due_at <= $1
      ORDER BY d.due_at LIMIT $2
      FOR UPDATE OF d SKIP LOCKED`,
    [now, limit],
  )
  return rows.map((row) => ({
    endpoint: row.endpoint,
    attempts: row.attempts,
    bytes: row.file,
    file: {
      identificativoSdI: row.identificativo_sdi,
      nomeFile: row.file_name,
      receivedAt: row.received_at,
      hash: row.sha256,
      formato: row.formato,
      recipient: { code: row.recipient_code, name: row.recipient_name, endpoint: row.endpoint },
    },
  }))
}

export async function markDelivered(tx: Queryable, schema: string, id: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.deliveries SET delivered_at = $2, attempts = attempts + 1, last_error = NULL
      WHERE identificativo_sdi = $1`,
    [id, at],
  )
}

/** A failed attempt: due again at `retryAt`, or given up (SdI then sends an MC) when there is none. */
export async function markDeliveryFailed(
  tx: Queryable,
  schema: string,
  id: string,
  error: string,
  at: Date,
  retryAt: Date | undefined,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.deliveries
        SET attempts = attempts + 1, last_error = $2, due_at = COALESCE($3, due_at),
            given_up_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END
      WHERE identificativo_sdi = $1`,
    [id, error.slice(0, 500), retryAt ?? null, at],
  )
}

/** When the file was delivered to its recipient; undefined when it was not (yet). */
export async function deliveredAt(tx: Queryable, schema: string, id: string): Promise<Date | undefined> {
  const { rows } = await tx.query<{ delivered_at: Date | null }>(
    `SELECT delivered_at FROM ${schema}.deliveries WHERE identificativo_sdi = $1`,
    [id],
  )
  return rows[0]?.delivered_at ?? undefined
}

/** The endpoint a file was delivered to, if it was (a DT goes there too). */
export async function deliveredEndpoint(tx: Queryable, schema: string, id: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ endpoint: string }>(
    `SELECT endpoint FROM ${schema}.deliveries WHERE identificativo_sdi = $1 AND delivered_at IS NOT NULL`,
    [id],
  )
  return rows[0]?.endpoint
}
