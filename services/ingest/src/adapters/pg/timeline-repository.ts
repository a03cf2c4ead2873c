import type { Queryable } from '@varco/db'
import type { NotificationDetail } from '../../domain/lifecycle-status.ts'

// The only module that reads and writes the invoices' timelines.

export interface TimelineEntry {
  readonly type: string
  readonly occurredAt: string
  readonly recordedAt: string
  readonly detail?: NotificationDetail
}

/** The timeline of an invoice, in the order things happened. */
export async function selectTimeline(db: Queryable, invoiceId: string): Promise<TimelineEntry[]> {
  const { rows } = await db.query<{
    type: string
    occurred_at: Date
    recorded_at: Date
    detail: NotificationDetail | null
  }>(
    // The first entry is the invoice row itself (accepted = invoice.received), so accepting writes no timeline row.
    `SELECT 'invoice.received' AS type, created_at AS occurred_at, created_at AS recorded_at, NULL::jsonb AS detail,
       0 AS position
       FROM ingest.invoices WHERE id = $1
     UNION ALL
     SELECT type, occurred_at, recorded_at, detail, 1 FROM ingest.invoice_events WHERE invoice_id = $1
     ORDER BY position, occurred_at, recorded_at`,
    [invoiceId],
  )
  return rows.map((row) => ({
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    ...(row.detail === null ? {} : { detail: row.detail }),
  }))
}

/** Adds an event to an invoice's timeline (once per event id). */
export async function insertTimelineEntry(
  tx: Queryable,
  entry: {
    eventId: string
    invoiceId: string
    type: string
    occurredAt: string
    detail?: NotificationDetail | undefined
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO ingest.invoice_events (event_id, invoice_id, type, occurred_at, detail) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (event_id) DO NOTHING`,
    [
      entry.eventId,
      entry.invoiceId,
      entry.type,
      entry.occurredAt,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ],
  )
}
