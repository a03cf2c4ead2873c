import { invoiceIncoming, invoiceIncomingTermsExpired } from '@varco/contracts'
import { enqueueEvents, type Queryable } from '@varco/db'
import type { IncomingData } from '../domain/incoming.ts'
import { markRouted, routedIncoming, takeIncomingNotices } from '../adapters/pg/incoming-files.ts'

export interface EmitContext {
  readonly schema: string
  readonly source: string
}

/**
 * Enqueues invoice.incoming for an incoming file routed to `tenantId` (heldSince when it waited for a route), then
 * the DTs about it that waited for it. The incoming file's id is its invoiceId and its correlationId.
 */
export async function emitIncoming(
  tx: Queryable,
  context: EmitContext,
  incoming: { readonly invoiceId: string; readonly tenantId: string; readonly data: IncomingData },
  heldSince?: Date,
): Promise<void> {
  const { invoiceId, tenantId } = incoming
  if (heldSince !== undefined) await markRouted(tx, context.schema, invoiceId, tenantId)
  const event = invoiceIncoming.create({
    source: context.source,
    tenantId,
    invoiceId,
    correlationId: invoiceId,
    data: { ...incoming.data, ...(heldSince === undefined ? {} : { heldSince: heldSince.toISOString() }) },
  })
  await enqueueEvents(tx, context.schema, [event])
  await emitTermsExpired(tx, context, incoming.data.identificativoSdI)
}

/** Enqueues invoice.incoming_terms_expired for the waiting DTs of a file, if the file is routed; returns how many. */
export async function emitTermsExpired(
  tx: Queryable,
  context: EmitContext,
  identificativoSdI: string,
): Promise<number> {
  const file = await routedIncoming(tx, context.schema, identificativoSdI)
  if (file === undefined) return 0
  const notices = await takeIncomingNotices(tx, context.schema, identificativoSdI)
  const events = notices.map((data) =>
    invoiceIncomingTermsExpired.create({
      source: context.source,
      tenantId: file.tenantId,
      invoiceId: file.invoiceId,
      correlationId: file.invoiceId,
      data,
    }),
  )
  await enqueueEvents(tx, context.schema, events)
  return events.length
}
