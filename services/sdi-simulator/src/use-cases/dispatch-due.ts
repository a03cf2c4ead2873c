import type pg from 'pg'
import { nextInSequence, withTransaction, type Queryable } from '@varco/db'
import { messageFileName } from '@varco/fatturapa'
import type { Signer } from '@varco/signature'
import { buildDueMessage } from '../domain/due-message.ts'
import { messageFile } from '../domain/message-file.ts'
import { NOTIFICATION_ATTEMPTS, type Windows } from '../domain/plan.ts'
import type { NotificationFaults } from '../control/faults.ts'
import {
  claimDueMessages,
  markFailed,
  markSent,
  releaseInvoiceKeys,
  saveBuiltMessage,
  type ClaimedMessage,
} from '../adapters/pg/outgoing-messages.ts'
import { deliveredEndpoint } from '../adapters/pg/deliveries.ts'
import type { RecipientEndpoints } from '../ports/recipient-endpoint.ts'
import type { TransmitterEndpoint } from '../ports/transmitter-endpoint.ts'

export interface DispatchDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly signer: Signer
  readonly transmitter: TransmitterEndpoint
  /** Where a DT also goes: the recipient's RicezioneFatture, when the file was delivered to one. */
  readonly recipients?: Pick<RecipientEndpoints, 'notifyTermsExpired'>
  readonly windows: Windows
  readonly now: () => Date
  /** Injected through the control API: duplicated or out-of-order notifications, as a transmitter must survive. */
  readonly faults?: NotificationFaults
}

/** Builds and signs a message the first time it is due; later attempts send the same bytes, name and id. */
async function built(tx: Queryable, deps: DispatchDeps, message: ClaimedMessage, now: Date) {
  if (message.built !== undefined) return message.built
  const messageId = String(await nextInSequence(tx, deps.schema, 'message-id'))
  const nnn = await nextInSequence(tx, deps.schema, `messages:${message.file.identificativoSdI}`)
  const fileName = messageFileName(message.file.nomeFile, message.kind, Number(nnn))
  const body = await messageFile(buildDueMessage(message, messageId, now), deps.signer, now)
  const result = { messageId, fileName, body }
  await saveBuiltMessage(tx, deps.schema, message.id, result)
  return result
}

/**
 * SdI sends the DT to both sides. Sent with the transmitter's, and retried with it when the recipient fails: the
 * simulator's simplification (SdI retries each side on its own), which sends the transmitter a repeated DT, as SdI
 * may anyway.
 */
async function notifyRecipient(
  tx: Queryable,
  deps: DispatchDeps,
  notice: { identificativoSdI: string; fileName: string; file: Buffer },
): Promise<void> {
  if (deps.recipients === undefined) return
  const endpoint = await deliveredEndpoint(tx, deps.schema, notice.identificativoSdI)
  if (endpoint !== undefined) await deps.recipients.notifyTermsExpired(endpoint, notice)
}

/**
 * Sends the messages due by now to the transmitter, oldest first, at most `limit` of them. A failed call is tried
 * again after SdI's retry interval, four times in all, then given up as SdI does. Returns how many were handled.
 * Messages are claimed with SKIP LOCKED, so several dispatchers never send the same one. The calls run inside the
 * claiming transaction (a simulator's trade-off: simple, and a crash resends, as SdI may); the client's timeout
 * bounds how long the rows stay locked.
 */
export function dispatchDue(deps: DispatchDeps, limit = 20): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const now = deps.now()
    const due = await claimDueMessages(tx, deps.schema, now, limit)
    const ordered = deps.faults?.reverse === true ? [...due].reverse() : due
    for (const message of ordered) {
      const { fileName, body } = await built(tx, deps, message, now)
      try {
        const notice = { kind: message.kind, identificativoSdI: message.file.identificativoSdI, fileName, file: body }
        await deps.transmitter.notify(notice)
        if (deps.faults?.duplicate === true) await deps.transmitter.notify(notice)
        if (message.kind === 'DT') await notifyRecipient(tx, deps, notice)
        await markSent(tx, deps.schema, message.id, now)
        if (message.kind === 'NE' && message.esito === 'EC02') {
          await releaseInvoiceKeys(tx, deps.schema, message.file.identificativoSdI)
        }
      } catch (err) {
        const last = message.attempts + 1 >= NOTIFICATION_ATTEMPTS
        const retryAt = last ? undefined : new Date(now.getTime() + deps.windows.notificationRetryMs)
        await markFailed(tx, deps.schema, message.id, err instanceof Error ? err.message : String(err), retryAt)
      }
    }
    return due.length
  })
}
