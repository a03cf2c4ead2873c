import type { EnvelopeHeader } from '@varco/contracts'
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
 * Adds events to the outbox inside the caller's transaction (`tx` must be a client in BEGIN): the events exist
 * if and only if the state change they describe commits. Keyed by invoice id, so one invoice's events keep their
 * order within a partition.
 */
export async function enqueueEvents(tx: Queryable, schema: string, events: readonly EnvelopeHeader[]): Promise<void> {
  if (events.length === 0) return
  const table = `${schemaName(schema)}.outbox`
  const values: unknown[] = []
  const rows = events.map((event, i) => {
    values.push(event.id, event.type, event.version, event.invoiceId, headersOf(event), JSON.stringify(event))
    const p = i * 6
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`
  })
  await tx.query(
    `INSERT INTO ${table} (event_id, event_type, event_version, message_key, headers, payload) VALUES ${rows.join(', ')}`,
    values,
  )
  // Delivered on commit only, and folded into one notification per transaction.
  await tx.query('SELECT pg_notify($1, $2)', [outboxChannel(schema), ''])
}
