import type pg from 'pg'
import type { InvoiceOutcomeRequested } from '@varco/contracts'
import { handleOnce } from '@varco/db'
import type { DocumentStore } from '@varco/documents'
import { endOfItalianDay, italianDay, messageFileName, outcomeDeadline, serializeSdiMessage } from '@varco/fatturapa'
import type { Logger } from '@varco/observability'
import { outcomesQueuedFor, queueOutcome } from '../adapters/pg/outcomes.ts'

export interface OutcomeRequestedDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly consumer: string
  readonly documents: DocumentStore
  readonly now: () => Date
}

/** The recipient's outcome as SdI takes it: a NotificaEsitoCommittente (EC) about the file. */
export function ecFile(event: InvoiceOutcomeRequested): Buffer {
  const { data } = event
  const xml = serializeSdiMessage({
    kind: 'EC',
    family: 'pa',
    root: 'NotificaEsitoCommittente',
    data: {
      versione: '1.0',
      IdentificativoSdI: data.identificativoSdI,
      ...(data.invoiceRef === undefined
        ? {}
        : {
            RiferimentoFattura: {
              NumeroFattura: data.invoiceRef.number,
              AnnoFattura: data.invoiceRef.year,
              ...(data.invoiceRef.position === undefined ? {} : { PosizioneFattura: data.invoiceRef.position }),
            },
          }),
      Esito: data.esito,
      ...(data.description === undefined ? {} : { Descrizione: data.description }),
    },
  })
  return Buffer.from(xml)
}

/**
 * Queues a client's outcome once, with its EC file written and stored now, so that every attempt sends the same
 * bytes under the same name (<invoice file>_EC_<nnn>.xml, nnn counting the outcomes sent about the file).
 * Retries stop at the end of the day SdI stops taking outcomes: the request's outcomeBy, else 15 days from now.
 */
export async function onOutcomeRequested(
  event: InvoiceOutcomeRequested,
  deps: OutcomeRequestedDeps,
  log: Logger,
): Promise<void> {
  const now = deps.now()
  const file = ecFile(event)
  const ecDocument = await deps.documents.put(file, 'application/xml')
  const lastDay = event.data.outcomeBy ?? outcomeDeadline(italianDay(now))
  let ecFileName = ''
  const result = await handleOnce(
    deps.pool,
    { schema: deps.schema, consumer: deps.consumer, eventId: event.id },
    async (tx) => {
      const before = await outcomesQueuedFor(tx, deps.schema, event.invoiceId)
      ecFileName = messageFileName(event.data.invoiceFileName, 'EC', before + 1)
      await queueOutcome(
        tx,
        deps.schema,
        {
          requestEventId: event.id,
          invoiceId: event.invoiceId,
          tenantId: event.tenantId,
          correlationId: event.correlationId,
          identificativoSdI: event.data.identificativoSdI,
          esito: event.data.esito,
          ecFileName,
          ecDocument,
          deadline: endOfItalianDay(lastDay),
        },
        now,
      )
    },
  )
  if (result !== 'duplicate') log.info({ invoiceId: event.invoiceId, ecFileName }, 'outcome queued')
}
