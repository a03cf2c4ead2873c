import type pg from 'pg'
import type { InvoiceSigned, InvoiceTransmitted, InvoiceValidated } from '@varco/contracts'
import { assertNever } from '@varco/errors'
import { handleOnce } from '@varco/db'
import type { Logger } from '@varco/observability'
import { canonicalIdentificativo } from '../domain/notification.ts'
import { recordOutboundFacts, type OutboundFacts } from '../adapters/pg/outbound-files.ts'
import { releaseHeld } from '../use-cases/release-held.ts'
import { reportDecisions } from '../use-cases/report-decisions.ts'

export type OutboundEvent = InvoiceValidated | InvoiceSigned | InvoiceTransmitted

export interface OutboundEventDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly consumer: string
  readonly source: string
  readonly now: () => Date
}

function factsOf(event: OutboundEvent): OutboundFacts {
  const ids = { invoiceId: event.invoiceId, tenantId: event.tenantId, correlationId: event.correlationId }
  switch (event.type) {
    case 'invoice.validated':
      return { ...ids, formato: event.data.formato }
    case 'invoice.signed':
      return { ...ids, fileName: event.data.fileName }
    case 'invoice.transmitted':
      return {
        ...ids,
        fileName: event.data.fileName,
        identificativoSdI: canonicalIdentificativo(event.data.identificativoSdI),
      }
    default:
      return assertNever(event, 'outbound event')
  }
}

/**
 * Fills the invoice's file with what the event knows (once per event), then decides the SdI messages that waited
 * for it. The second step runs on redeliveries too: a crash between the two leaves nothing held for ever.
 */
export async function onOutboundEvent(event: OutboundEvent, deps: OutboundEventDeps, log: Logger): Promise<void> {
  await handleOnce(deps.pool, { schema: deps.schema, consumer: deps.consumer, eventId: event.id }, (tx) =>
    recordOutboundFacts(tx, deps.schema, factsOf(event)),
  )
  reportDecisions(log, await releaseHeld(deps, event.invoiceId))
}
