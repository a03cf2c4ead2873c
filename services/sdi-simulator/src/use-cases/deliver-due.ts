import type pg from 'pg'
import { nextInSequence, withTransaction, type Queryable } from '@varco/db'
import { messageFileName } from '@varco/fatturapa'
import type { Signer } from '@varco/signature'
import { messageFile } from '../domain/message-file.ts'
import { deliveryMetadata } from '../domain/messages.ts'
import { NOTIFICATION_ATTEMPTS, type PlannedStep, type Windows } from '../domain/plan.ts'
import { planMessages } from '../adapters/pg/received-files.ts'
import {
  claimDueDeliveries,
  markDelivered,
  markDeliveryFailed,
  type ClaimedDelivery,
} from '../adapters/pg/deliveries.ts'
import type { RecipientEndpoints } from '../ports/recipient-endpoint.ts'

export interface DeliverDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly signer: Signer
  readonly recipients: RecipientEndpoints
  readonly windows: Windows
  readonly now: () => Date
}

async function metadataFile(tx: Queryable, deps: DeliverDeps, delivery: ClaimedDelivery) {
  const id = delivery.file.identificativoSdI
  const messageId = String(await nextInSequence(tx, deps.schema, 'message-id'))
  const nnn = Number(await nextInSequence(tx, deps.schema, `messages:${id}`))
  const message = deliveryMetadata(delivery.file, delivery.attempts + 1, messageId)
  return { name: messageFileName(delivery.file.nomeFile, 'MT', nnn), bytes: await messageFile(message, deps.signer) }
}

/**
 * Delivers the files due to their recipients' RicezioneFatture with their MT, as SdI does (FACTS.md §7): on
 * success the transmitter gets an RC, and for a PA the 15-day window for its outcome opens (a DT is planned at its
 * end, cancelled if the outcome arrives); a failed attempt is tried again about 6 hours later (scaled), four times
 * in all, then the transmitter gets an MC (for a PA, an AT after 10 more days). Returns how many were handled.
 */
export function deliverDue(deps: DeliverDeps, limit = 10): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const now = deps.now()
    const due = await claimDueDeliveries(tx, deps.schema, now, limit)
    for (const delivery of due) {
      const id = delivery.file.identificativoSdI
      const metadata = await metadataFile(tx, deps, delivery)
      const received = { identificativoSdI: id, receivedAt: delivery.file.receivedAt }
      const sinceReception = now.getTime() - delivery.file.receivedAt.getTime()
      try {
        await deps.recipients.deliver(delivery.endpoint, {
          identificativoSdI: id,
          fileName: delivery.file.nomeFile,
          file: delivery.bytes,
          metadataFileName: metadata.name,
          metadata: metadata.bytes,
        })
        await markDelivered(tx, deps.schema, id, now)
        const steps: PlannedStep[] = [{ afterMs: sinceReception, message: 'RC' }]
        if (delivery.file.formato === 'FPA12') {
          steps.push({ afterMs: sinceReception + deps.windows.acceptanceMs, message: 'DT' })
        }
        await planMessages(tx, deps.schema, received, steps)
      } catch (err) {
        const last = delivery.attempts + 1 >= NOTIFICATION_ATTEMPTS
        const retryAt = last ? undefined : new Date(now.getTime() + deps.windows.retryMs)
        await markDeliveryFailed(tx, deps.schema, id, err instanceof Error ? err.message : String(err), now, retryAt)
        if (last) {
          const steps: PlannedStep[] = [{ afterMs: sinceReception, message: 'MC' }]
          if (delivery.file.formato === 'FPA12') {
            steps.push({ afterMs: sinceReception + deps.windows.attestationMs, message: 'AT' })
          }
          await planMessages(tx, deps.schema, received, steps)
        }
      }
    }
    return due.length
  })
}
