import type { Queryable } from '@varco/db'

// The only module that reads and writes the outcome history of incoming invoices.

export interface IncomingHistoryEntry {
  readonly type: string
  readonly occurredAt: string
  readonly detail: Readonly<Record<string, unknown>>
}

/** Adds an entry (once per event id) to an incoming invoice's history. */
export async function insertIncomingHistory(
  tx: Queryable,
  entry: { eventId: string; incomingId: string } & IncomingHistoryEntry,
): Promise<void> {
  await tx.query(
    `INSERT INTO ingest.incoming_events (event_id, incoming_id, type, occurred_at, detail) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (event_id) DO NOTHING`,
    [entry.eventId, entry.incomingId, entry.type, entry.occurredAt, JSON.stringify(entry.detail)],
  )
}

/** The history of an incoming invoice, in the order things happened. */
export async function selectIncomingHistory(db: Queryable, incomingId: string): Promise<IncomingHistoryEntry[]> {
  const { rows } = await db.query<{ type: string; occurred_at: Date; detail: Record<string, unknown> }>(
    `SELECT type, occurred_at, detail FROM ingest.incoming_events WHERE incoming_id = $1
     ORDER BY occurred_at, recorded_at`,
    [incomingId],
  )
  return rows.map((row) => ({ type: row.type, occurredAt: row.occurred_at.toISOString(), detail: row.detail }))
}
