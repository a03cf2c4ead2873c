import type { DocumentRef } from '@varco/contracts'
import type { Queryable } from '@varco/db'
import type { CallOutcome, NextStep } from '../../domain/attempts.ts'

/** An invoice to transmit, as queued from invoice.signed. */
export interface QueuedTransmission {
  readonly invoiceId: string
  readonly tenantId: string
  readonly correlationId: string
  readonly signedEventId: string
  readonly fileName: string
  readonly document: DocumentRef
  readonly deadline: Date
}

/** A row claimed for a call: its attempt number is recorded, and committed, before the call is made. */
export interface ClaimedTransmission extends QueuedTransmission {
  readonly attempt: number
  readonly callStartedAt: Date
}

interface ClaimedRow {
  invoice_id: string
  tenant_id: string
  correlation_id: string
  signed_event_id: string
  file_name: string
  document: DocumentRef
  deadline: Date
  attempts: number
  call_started_at: Date
}

/** Queues an invoice once: a second invoice.signed for the same invoice or file name changes nothing. */
export async function queueTransmission(
  tx: Queryable,
  schema: string,
  row: QueuedTransmission,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO ${schema}.transmissions
       (invoice_id, tenant_id, correlation_id, signed_event_id, file_name, document, deadline, status, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8)
     ON CONFLICT DO NOTHING`,
    [row.invoiceId, row.tenantId, row.correlationId, row.signedEventId, row.fileName, row.document, row.deadline, now],
  )
}

/**
 * Claims the invoice due first and marks it as being called, in one statement that commits on its own: the attempt
 * is on record before the call leaves. SKIP LOCKED lets several workers and replicas share the queue.
 */
export async function claimNext(tx: Queryable, schema: string, now: Date): Promise<ClaimedTransmission | undefined> {
  const { rows } = await tx.query<ClaimedRow>(
    `UPDATE ${schema}.transmissions t
        SET status = 'calling', attempts = attempts + 1, call_started_at = $1, updated_at = $1
      WHERE invoice_id = (
        SELECT invoice_id FROM ${schema}.transmissions
         WHERE status IN ('queued', 'waiting', 'reconciling') AND next_attempt_at <= $1
         ORDER BY next_attempt_at
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
      RETURNING invoice_id, tenant_id, correlation_id, signed_event_id, file_name, document, deadline, attempts,
                call_started_at`,
    [now],
  )
  const row = rows[0]
  if (row === undefined) return undefined
  await tx.query(`INSERT INTO ${schema}.transmission_attempts (invoice_id, attempt, started_at) VALUES ($1, $2, $3)`, [
    row.invoice_id,
    row.attempts,
    now,
  ])
  return {
    invoiceId: row.invoice_id,
    tenantId: row.tenant_id,
    correlationId: row.correlation_id,
    signedEventId: row.signed_event_id,
    fileName: row.file_name,
    document: row.document,
    deadline: row.deadline,
    attempt: row.attempts,
    callStartedAt: row.call_started_at,
  }
}

function describeOutcome(outcome: CallOutcome): { outcome: string; detail: string } {
  switch (outcome.kind) {
    case 'accepted':
      return { outcome: 'accepted', detail: `IdentificativoSdI ${outcome.identificativoSdI}` }
    case 'refused':
      return { outcome: outcome.errore, detail: 'refused by SdI' }
    case 'unavailable':
      return { outcome: outcome.reason, detail: outcome.detail.slice(0, 500) }
  }
}

/** Records a call's outcome and the invoice's next step. */
export async function recordOutcome(
  tx: Queryable,
  schema: string,
  claimed: ClaimedTransmission,
  outcome: CallOutcome,
  next: NextStep,
  now: Date,
): Promise<void> {
  const described = describeOutcome(outcome)
  await tx.query(
    `UPDATE ${schema}.transmission_attempts SET finished_at = $3, outcome = $4, detail = $5
      WHERE invoice_id = $1 AND attempt = $2`,
    [claimed.invoiceId, claimed.attempt, now, described.outcome, described.detail],
  )
  const values = [
    claimed.invoiceId,
    next.status,
    now,
    next.status === 'waiting' ? next.retryAt : now,
    next.status === 'transmitted' ? next.identificativoSdI : null,
    next.status === 'transmitted' ? next.dataOraRicezione : null,
    next.status === 'failed' ? next.cause : null,
    next.status === 'transmitted' ? null : described.detail,
  ]
  await tx.query(
    `UPDATE ${schema}.transmissions
        SET status = $2, updated_at = $3, next_attempt_at = $4, identificativo_sdi = $5, data_ora_ricezione = $6,
            failure_cause = $7, last_error = $8
      WHERE invoice_id = $1`,
    values,
  )
}

/**
 * Calls interrupted by a crash (still 'calling' after `staleBefore`): each waits for SdI's notification of its file
 * name until `windowMs` after its call, then goes again under the same name. Returns how many were found.
 */
export async function recoverInterrupted(
  tx: Queryable,
  schema: string,
  staleBefore: Date,
  windowMs: number,
): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE ${schema}.transmissions
        SET status = 'reconciling', next_attempt_at = call_started_at + $2 * interval '1 millisecond', updated_at = now()
      WHERE status = 'calling' AND call_started_at < $1`,
    [staleBefore, windowMs],
  )
  return rowCount ?? 0
}

/** What a settled transmission needs for its invoice.transmitted event. */
export interface SettledTransmission {
  readonly tenantId: string
  readonly correlationId: string
  readonly document: DocumentRef
  readonly attempts: number
}

interface SettledRow {
  tenant_id: string
  correlation_id: string
  document: DocumentRef
  attempts: number
}

/**
 * Settles an invoice whose call's answer was lost (a crash mid-call, a timeout) from SdI's own notification about
 * its file: SdI had it, so it is transmitted and never sent again. Only rows no worker is calling now are touched:
 * 'reconciling' and 'waiting', and 'calling' rows older than `staleBefore` that the sweep has not turned yet.
 * Returns undefined when there was nothing to settle (already transmitted, another file name, unknown invoice).
 */
export async function settleFromNotification(
  tx: Queryable,
  schema: string,
  notice: {
    readonly invoiceId: string
    readonly fileName: string
    readonly identificativoSdI: string
    readonly dataOraRicezione: string
    readonly detail: string
  },
  staleBefore: Date,
  now: Date,
): Promise<SettledTransmission | undefined> {
  const { rows } = await tx.query<SettledRow>(
    `UPDATE ${schema}.transmissions
        SET status = 'transmitted', identificativo_sdi = $3, data_ora_ricezione = $4, next_attempt_at = $6,
            last_error = NULL, updated_at = $6
      WHERE invoice_id = $1 AND file_name = $2
        AND (status IN ('reconciling', 'waiting') OR (status = 'calling' AND call_started_at < $5))
      RETURNING tenant_id, correlation_id, document, attempts`,
    [notice.invoiceId, notice.fileName, notice.identificativoSdI, notice.dataOraRicezione, staleBefore, now],
  )
  const row = rows[0]
  if (row === undefined) return undefined
  await tx.query(
    `UPDATE ${schema}.transmission_attempts SET finished_at = COALESCE(finished_at, $3), outcome = 'reconciled',
            detail = $4
      WHERE invoice_id = $1 AND attempt = $2`,
    [notice.invoiceId, row.attempts, now, notice.detail.slice(0, 500)],
  )
  return { tenantId: row.tenant_id, correlationId: row.correlation_id, document: row.document, attempts: row.attempts }
}
