import type pg from 'pg'
import type { InvoiceIncoming, InvoiceIncomingTermsExpired, InvoiceOutcomeSent } from '@varco/contracts'
import { handleOnce, type Queryable } from '@varco/db'
import { assertNever } from '@varco/errors'
import type { Logger } from '@varco/observability'
import { insertIncomingHistory } from '../adapters/pg/incoming-history-repository.ts'
import { findIncoming, insertIncoming, updateOutcome } from '../adapters/pg/incoming-repository.ts'
import { INGEST_SCHEMA } from '../adapters/pg/schema.ts'
import { afterOutcomeSent, afterTermsExpired, initialOutcomeState } from '../domain/incoming-outcome.ts'
import { isIncomingId } from '../domain/ids.ts'

/** The passive cycle's events the incoming view is kept from. */
export type IncomingEvent = InvoiceIncoming | InvoiceIncomingTermsExpired | InvoiceOutcomeSent

export interface IncomingDeps {
  readonly pool: pg.Pool
  /** The inbox's consumer name (the group id). */
  readonly consumer: string
}

/**
 * An event about an incoming invoice the view does not hold (yet): its invoice.incoming, on another topic, may come
 * later. Not a coded business error on purpose: the consumer retries it a few times, then dead-letters it, so nothing
 * is lost and the partition moves on.
 */
function notYetKnown(event: IncomingEvent): Error {
  return Object.assign(new Error(`no incoming invoice '${event.invoiceId}' of tenant '${event.tenantId}' (yet)`), {
    code: 'INGEST_ERR_INCOMING_UNKNOWN',
  })
}

async function applyTermsExpired(tx: Queryable, event: InvoiceIncomingTermsExpired): Promise<void> {
  const current = await findIncoming(tx, event.tenantId, event.invoiceId, true)
  if (current === undefined) throw notYetKnown(event)
  await updateOutcome(tx, event.invoiceId, afterTermsExpired(current.outcomeState), current.outcome)
  await insertIncomingHistory(tx, {
    eventId: event.id,
    incomingId: event.invoiceId,
    type: event.type,
    occurredAt: event.occurredAt,
    detail: { messageFileName: event.data.messageFileName, receivedAt: event.data.receivedAt },
  })
}

async function applyOutcomeSent(tx: Queryable, event: InvoiceOutcomeSent): Promise<void> {
  const current = await findIncoming(tx, event.tenantId, event.invoiceId, true)
  if (current === undefined) throw notYetKnown(event)
  const { data } = event
  const answer = {
    result: data.result,
    ecFileName: data.ecFileName,
    answeredAt: event.occurredAt,
    ...(data.scarto === undefined
      ? {}
      : {
          scarto: {
            code: data.scarto.code,
            messageFileName: data.scarto.messageFileName,
            ...(data.scarto.description === undefined ? {} : { description: data.scarto.description }),
          },
        }),
    ...(data.failure === undefined ? {} : { failure: data.failure }),
  }
  const outcome = { ...(current.outcome ?? { esito: data.esito, requestedAt: event.occurredAt }), ...answer }
  await updateOutcome(tx, event.invoiceId, afterOutcomeSent(current.outcomeState, data.result), outcome)
  await insertIncomingHistory(tx, {
    eventId: event.id,
    incomingId: event.invoiceId,
    type: event.type,
    occurredAt: event.occurredAt,
    detail: { esito: data.esito, attempts: data.attempts, ...answer },
  })
}

/**
 * Keeps the incoming view: a delivered invoice enters its tenant's view; SdI's answer to an outcome and the DT
 * move its outcome state (src/domain/incoming-outcome.ts) and join its history. Inbox and effect commit together.
 */
export async function onIncomingEvent(event: IncomingEvent, deps: IncomingDeps, log: Logger): Promise<void> {
  if (!isIncomingId(event.invoiceId)) {
    log.warn({ invoiceId: event.invoiceId }, 'incoming event with an id this view cannot hold; ignored')
    return
  }
  const result = await handleOnce(
    deps.pool,
    { schema: INGEST_SCHEMA, consumer: deps.consumer, eventId: event.id },
    async (tx) => {
      switch (event.type) {
        case 'invoice.incoming': {
          const inserted = await insertIncoming(tx, event, initialOutcomeState(event.data.formato))
          if (!inserted) log.info({ invoiceId: event.invoiceId }, 'incoming invoice already in the view')
          return
        }
        case 'invoice.incoming_terms_expired':
          return applyTermsExpired(tx, event)
        case 'invoice.outcome_sent':
          return applyOutcomeSent(tx, event)
        default:
          return assertNever(event, 'incoming event')
      }
    },
  )
  if (result === 'duplicate') log.debug({ invoiceId: event.invoiceId }, 'event already applied; redelivery ignored')
  else log.info({ invoiceId: event.invoiceId, eventType: event.type }, 'incoming view updated')
}
