import type pg from 'pg'
import { invoiceTransmitted, type InvoiceNotification } from '@varco/contracts'
import { enqueueEvents, handleOnce } from '@varco/db'
import type { Logger } from '@varco/observability'
import { settleFromNotification } from '../adapters/pg/transmissions.ts'

export interface InvoiceNotificationDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly consumer: string
  /** A call older than this is not in flight any more (twice the call timeout, as the recovery sweep uses). */
  readonly staleCallMs: number
  readonly now: () => Date
}

/**
 * Reconciliation from SdI's side: any notification about a file (RC, NS, MC...) proves SdI took it. An invoice
 * whose call's answer was lost, waiting to be sent again, is settled as transmitted with the notification's
 * IdentificativoSdI instead of being resent, so SdI never sees the name twice and the invoice keeps its first id.
 */
export async function onInvoiceNotification(
  event: InvoiceNotification,
  deps: InvoiceNotificationDeps,
  log: Logger,
): Promise<void> {
  const now = deps.now()
  const { data } = event
  let settled = false
  await handleOnce(deps.pool, { schema: deps.schema, consumer: deps.consumer, eventId: event.id }, async (tx) => {
    const found = await settleFromNotification(
      tx,
      deps.schema,
      {
        invoiceId: event.invoiceId,
        fileName: data.invoiceFileName,
        identificativoSdI: data.identificativoSdI,
        dataOraRicezione: data.sdiReceivedAt ?? data.receivedAt,
        detail: `settled by SdI's ${data.kind} ${data.messageFileName}: IdentificativoSdI ${data.identificativoSdI}`,
      },
      new Date(now.getTime() - deps.staleCallMs),
      now,
    )
    if (found === undefined) return
    settled = true
    const transmitted = invoiceTransmitted.create({
      source: 'transmission',
      tenantId: found.tenantId,
      invoiceId: event.invoiceId,
      correlationId: found.correlationId,
      causationId: event.id,
      data: {
        document: found.document,
        fileName: data.invoiceFileName,
        identificativoSdI: data.identificativoSdI,
        dataOraRicezione: data.sdiReceivedAt ?? data.receivedAt,
        attempts: found.attempts,
      },
    })
    await enqueueEvents(tx, deps.schema, [transmitted])
  })
  if (settled) {
    log.warn(
      { invoiceId: event.invoiceId, fileName: data.invoiceFileName, identificativoSdI: data.identificativoSdI },
      'interrupted transmission settled from SdI’s notification; not sent again',
    )
  }
}
