import type { DocumentRef } from '@varco/contracts'
import type { Queryable } from '@varco/db'
import type { OutcomeStep } from '../../domain/outcome-steps.ts'

/** An outcome to send, as queued from invoice.outcome_requested with its EC file already stored. */
export interface QueuedOutcome {
  readonly requestEventId: string
  readonly invoiceId: string
  readonly tenantId: string
  readonly correlationId: string
  readonly identificativoSdI: string
  readonly esito: 'EC01' | 'EC02'
  readonly ecFileName: string
  readonly ecDocument: DocumentRef
  readonly deadline: Date
}

export interface ClaimedOutcome extends QueuedOutcome {
  readonly attempt: number
}

interface OutcomeRow {
  request_event_id: string
  invoice_id: string
  tenant_id: string
  correlation_id: string
  identificativo_sdi: string
  esito: 'EC01' | 'EC02'
  ec_file_name: string
  ec_document: DocumentRef
  deadline: Date
  attempts: number
}

/** How many outcomes were queued for the invoice before: the EC file's progressive is this plus one. */
export async function outcomesQueuedFor(tx: Queryable, schema: string, invoiceId: string): Promise<number> {
  // The advisory lock serialises two requests about one invoice, so they never draw the same progressive.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`outcome:${invoiceId}`])
  const { rows } = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.outcomes WHERE invoice_id = $1`, [
    invoiceId,
  ])
  return Number(rows[0]?.n ?? 0)
}

export async function queueOutcome(tx: Queryable, schema: string, row: QueuedOutcome, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO ${schema}.outcomes
       (request_event_id, invoice_id, tenant_id, correlation_id, identificativo_sdi, esito, ec_file_name,
        ec_document, deadline, status, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'queued', $10)
     ON CONFLICT DO NOTHING`,
    [
      row.requestEventId,
      row.invoiceId,
      row.tenantId,
      row.correlationId,
      row.identificativoSdI,
      row.esito,
      row.ecFileName,
      row.ecDocument,
      row.deadline,
      now,
    ],
  )
}

/** Claims the outcome due first and marks it as being sent, committed before the call (as transmissions do). */
export async function claimNextOutcome(tx: Queryable, schema: string, now: Date): Promise<ClaimedOutcome | undefined> {
  const { rows } = await tx.query<OutcomeRow>(
    `UPDATE ${schema}.outcomes
        SET status = 'calling', attempts = attempts + 1, call_started_at = $1, updated_at = $1
      WHERE request_event_id = (
        SELECT request_event_id FROM ${schema}.outcomes
         WHERE status IN ('queued', 'waiting') AND next_attempt_at <= $1
         ORDER BY next_attempt_at
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
      RETURNING request_event_id, invoice_id, tenant_id, correlation_id, identificativo_sdi, esito, ec_file_name,
                ec_document, deadline, attempts`,
    [now],
  )
  const row = rows[0]
  if (row === undefined) return undefined
  return {
    requestEventId: row.request_event_id,
    invoiceId: row.invoice_id,
    tenantId: row.tenant_id,
    correlationId: row.correlation_id,
    identificativoSdI: row.identificativo_sdi,
    esito: row.esito,
    ecFileName: row.ec_file_name,
    ecDocument: row.ec_document,
    deadline: row.deadline,
    attempt: row.attempts,
  }
}

export async function recordOutcomeStep(
  tx: Queryable,
  schema: string,
  claimed: ClaimedOutcome,
  step: OutcomeStep,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.outcomes
        SET status = $2, next_attempt_at = $3, result = $4, last_error = $5, updated_at = $6
      WHERE request_event_id = $1`,
    [
      claimed.requestEventId,
      step.status,
      step.status === 'waiting' ? step.retryAt : now,
      step.status === 'sent' ? step.result : null,
      step.status === 'waiting' ? step.reason : step.status === 'failed' ? step.message : null,
      now,
    ],
  )
}

/**
 * Outcome calls cut off by a crash go again: unlike a RiceviFile, sending an EC twice cannot make SdI take it
 * twice (a second EC about the file is refused with an SE, EN01), so there is nothing to reconcile first.
 */
export async function recoverInterruptedOutcomes(tx: Queryable, schema: string, staleBefore: Date): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE ${schema}.outcomes SET status = 'waiting', next_attempt_at = now(), updated_at = now()
      WHERE status = 'calling' AND call_started_at < $1`,
    [staleBefore],
  )
  return rowCount ?? 0
}
