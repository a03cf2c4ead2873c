import { topicFor, type EnvelopeHeader } from '@varco/contracts'
import { injectTraceContext } from '@varco/observability'
import type { Queryable } from './pool.ts'
import { schemaName } from './identifiers.ts'

/** A Kafka message as the relay hands it to the publisher. */
export interface OutboxMessage {
  readonly topic: string
  readonly key: string
  readonly value: string
  readonly headers: Readonly<Record<string, string>>
}

/** The channel the relay of `schema` listens on; a commit that added rows wakes it at once. */
export function outboxChannel(schema: string): string {
  return `varco_outbox_${schemaName(schema)}`
}

/** Kafka headers of an event: type and version for routing without parsing, W3C trace context for tracing. */
function headersOf(event: EnvelopeHeader): Record<string, string> {
  const headers: Record<string, string> = {
    'event-id': event.id,
    'event-type': event.type,
    'event-version': String(event.version),
    'content-type': 'application/json',
  }
  // The span active while the event is written is the one the consumer continues (traceparent, tracestate).
  injectTraceContext(headers)
  return headers
}

/**
 * An event as the values of an outbox row, in the column order (event_id, event_type, event_version, message_key,
 * headers, payload): for a writer that adds the row inside a statement of its own (see enqueueEvents for the rest).
 */
export interface OutboxRow {
  readonly eventId: string
  readonly type: string
  readonly version: number
  readonly key: string
  readonly headers: string
  readonly payload: string
}

export function outboxRowOf(event: EnvelopeHeader): OutboxRow {
  return {
    eventId: event.id,
    type: event.type,
    version: event.version,
    key: event.invoiceId,
    headers: JSON.stringify(headersOf(event)),
    payload: JSON.stringify(event),
  }
}

/**
 * The Kafka message the relay publishes for `event`: its topic, key, JSON value and headers. For a producer that
 * bypasses the outbox on purpose (a test standing in for another service), so what it sends is what the relay would.
 */
export function eventMessage(event: EnvelopeHeader, topicPrefix?: string): OutboxMessage {
  return {
    topic: topicFor(event.type, event.version, topicPrefix),
    key: event.invoiceId,
    value: JSON.stringify(event),
    headers: headersOf(event),
  }
}

export interface EnqueueOptions {
  /**
   * Wake the schema's relays at commit (default). A transaction that did NOTIFY takes a database-wide lock at
   * commit, so a writer of many small transactions (the API accepting invoices) may rather wake its own relay after
   * commit and leave other replicas' relays to their polling.
   */
  readonly notify?: boolean
}

/**
 * Adds events to the outbox inside the caller's transaction (`tx` must be a client in BEGIN): the events exist
 * if and only if the state change they describe commits. Keyed by invoice id, so one invoice's events keep their
 * order within a partition.
 */
export async function enqueueEvents(
  tx: Queryable,
  schema: string,
  events: readonly EnvelopeHeader[],
  options: EnqueueOptions = {},
): Promise<void> {
  if (events.length === 0) return
  const table = `${schemaName(schema)}.outbox`
  const values: unknown[] = []
  const rows = events.map((event, i) => {
    const row = outboxRowOf(event)
    values.push(row.eventId, row.type, row.version, row.key, row.headers, row.payload)
    const p = i * 6
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`
  })
  await tx.query(
    `INSERT INTO ${table} (event_id, event_type, event_version, message_key, headers, payload) VALUES ${rows.join(', ')}`,
    values,
  )
  // Delivered on commit only, and folded into one notification per transaction.
  if (options.notify ?? true) await tx.query('SELECT pg_notify($1, $2)', [outboxChannel(schema), ''])
}
