import type { DocumentRef, InvoiceNotificationData, LifecycleOutcome } from '@varco/contracts'
import type { Queryable } from '@varco/db'
import type { LifecycleMessage } from '../../domain/lifecycle.ts'
import type { NotificationFacts } from '../../domain/notification.ts'
import type { OutboundFile } from './outbound-files.ts'

/** invoice.notification's data before the lifecycle decided the message. */
export type UndecidedData = Omit<InvoiceNotificationData, 'lifecycle'>

/** A message waiting for its decision (its file not known yet, or known in this transaction). */
export interface HeldNotification {
  readonly id: string
  readonly lifecycleMessage: LifecycleMessage
  readonly data: UndecidedData
}

/** Keeps an accepted message, undecided: the caller decides it now if its file is known, else it waits. */
export async function keepNotification(
  tx: Queryable,
  schema: string,
  callId: string,
  facts: NotificationFacts,
  message: { readonly fileName: string; readonly ref: DocumentRef; readonly receivedAt: Date },
): Promise<void> {
  const data: UndecidedData = {
    kind: facts.kind,
    identificativoSdI: facts.identificativoSdI,
    invoiceFileName: facts.invoiceFileName,
    messageFileName: message.fileName,
    receivedAt: message.receivedAt.toISOString(),
    message: message.ref,
    ...facts.details,
  }
  await tx.query(
    `INSERT INTO ${schema}.notifications
       (call_id, kind, identificativo_sdi, invoice_file_name, received_at, lifecycle_message, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      callId,
      facts.kind,
      facts.identificativoSdI,
      facts.invoiceFileName,
      message.receivedAt,
      facts.lifecycleMessage,
      data,
    ],
  )
}

/** The undecided messages about a file, in the order they were received, locked. */
export async function heldNotifications(
  tx: Queryable,
  schema: string,
  file: OutboundFile,
): Promise<HeldNotification[]> {
  const { rows } = await tx.query<{ id: string; lifecycle_message: LifecycleMessage; data: UndecidedData }>(
    `SELECT id, lifecycle_message, data FROM ${schema}.notifications
      WHERE decided_at IS NULL AND (identificativo_sdi = $1 OR invoice_file_name = $2)
      ORDER BY id
      FOR UPDATE`,
    [file.identificativoSdI ?? null, file.fileName ?? null],
  )
  return rows.map((row) => ({ id: row.id, lifecycleMessage: row.lifecycle_message, data: row.data }))
}

/** Records what the lifecycle made of a message. */
export async function recordDecision(
  tx: Queryable,
  schema: string,
  notificationId: string,
  invoiceId: string,
  outcome: LifecycleOutcome,
  decidedAt: Date,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.notifications
        SET invoice_id = $2, decision = $3, from_state = $4, to_state = $5, reason = $6, sequence = $7, decided_at = $8
      WHERE id = $1`,
    [
      notificationId,
      invoiceId,
      outcome.decision,
      outcome.from,
      outcome.state,
      outcome.reason ?? null,
      outcome.sequence,
      decidedAt,
    ],
  )
}
