import { invoiceNotification, type LifecycleOutcome } from '@varco/contracts'
import { enqueueEvents, type Queryable } from '@varco/db'
import { decide } from '../domain/lifecycle.ts'
import { heldNotifications, recordDecision } from '../adapters/pg/notifications.ts'
import { advanceFile, type OutboundFile } from '../adapters/pg/outbound-files.ts'

/** A message the lifecycle decided, for the caller to log once the transaction committed. */
export interface DecidedMessage {
  readonly invoiceId: string
  readonly kind: string
  readonly messageFileName: string
  readonly outcome: LifecycleOutcome
}

export interface DecideContext {
  readonly schema: string
  readonly source: string
  readonly now: () => Date
}

/**
 * Decides, in the order they were received, every undecided message about a file whose formato is known, and
 * enqueues an invoice.notification for each, all in the caller's transaction (the file's row is locked by it).
 */
export async function decideHeld(tx: Queryable, context: DecideContext, file: OutboundFile): Promise<DecidedMessage[]> {
  const { formato } = file
  if (formato === undefined) return []
  const held = await heldNotifications(tx, context.schema, file)
  const decided: DecidedMessage[] = []
  let { state, sequence } = file
  for (const notification of held) {
    const decision = decide(formato, state, notification.lifecycleMessage)
    const to = decision.kind === 'transition' ? decision.to : state
    sequence += 1
    const outcome: LifecycleOutcome = {
      decision: decision.kind,
      from: state,
      state: to,
      ...(decision.kind === 'forbidden' ? { reason: decision.reason.slice(0, 500) } : {}),
      sequence,
    }
    state = to
    await recordDecision(tx, context.schema, notification.id, file.invoiceId, outcome, context.now())
    const event = invoiceNotification.create({
      source: context.source,
      tenantId: file.tenantId,
      invoiceId: file.invoiceId,
      correlationId: file.correlationId,
      data: { ...notification.data, lifecycle: outcome },
    })
    await enqueueEvents(tx, context.schema, [event])
    decided.push({
      invoiceId: file.invoiceId,
      kind: notification.data.kind,
      messageFileName: notification.data.messageFileName,
      outcome,
    })
  }
  if (decided.length > 0) await advanceFile(tx, context.schema, file.invoiceId, state, sequence)
  return decided
}
