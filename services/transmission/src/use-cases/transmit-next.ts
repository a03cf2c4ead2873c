import type pg from 'pg'
import { invoiceTransmissionFailed, invoiceTransmitted } from '@varco/contracts'
import { enqueueEvents, withTransaction } from '@varco/db'
import type { DocumentStore } from '@varco/documents'
import { afterCall, type NextStep, type RetryPolicy } from '../domain/attempts.ts'
import { admit, CLOSED, openUntil, record, type BreakerPolicy, type BreakerState } from '../domain/circuit-breaker.ts'
import { fullBucket, take, type RatePolicy } from '../domain/rate-limit.ts'
import { claimNext, recordOutcome, type ClaimedTransmission } from '../adapters/pg/transmissions.ts'
import type { SdiChannel } from '../ports/sdi-channel.ts'

export interface TransmitDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly documents: DocumentStore
  readonly channel: SdiChannel
  readonly retry: RetryPolicy
  readonly breaker: BreakerPolicy
  readonly rate: RatePolicy
  readonly now: () => Date
}

/** What one turn did: nothing due, a call made, or calls held back (circuit open, rate limit) until `until`. */
export type Turn =
  | { readonly kind: 'idle' }
  | { readonly kind: 'called'; readonly invoiceId: string; readonly next: NextStep['status'] }
  | { readonly kind: 'held'; readonly until: Date }

function outcomeEvent(claimed: ClaimedTransmission, next: NextStep) {
  const header = {
    source: 'transmission',
    tenantId: claimed.tenantId,
    invoiceId: claimed.invoiceId,
    correlationId: claimed.correlationId,
    causationId: claimed.signedEventId,
  }
  const common = { document: claimed.document, fileName: claimed.fileName, attempts: claimed.attempt }
  switch (next.status) {
    case 'transmitted':
      return invoiceTransmitted.create({
        ...header,
        data: { ...common, identificativoSdI: next.identificativoSdI, dataOraRicezione: next.dataOraRicezione },
      })
    case 'failed':
      return invoiceTransmissionFailed.create({
        ...header,
        data: { ...common, cause: next.cause, message: next.message },
      })
    case 'waiting':
      return undefined
  }
}

/**
 * The transmission loop's unit of work, shared by the workers of one process: the circuit breaker and the rate
 * limit are per channel, so per process and channel. Each turn claims the invoice due first, calls RiceviFile with
 * its file, and records what happened with the event it causes, in one transaction.
 */
export function createTransmitter(deps: TransmitDeps): { readonly turn: () => Promise<Turn> } {
  let breaker: BreakerState = CLOSED
  let bucket = fullBucket(deps.rate, deps.now().getTime())

  async function turn(): Promise<Turn> {
    const started = deps.now()
    const admission = admit(breaker, started.getTime())
    if (!admission.allowed) return { kind: 'held', until: new Date(openUntil(breaker) ?? started.getTime() + 100) }
    const token = take(bucket, started.getTime(), deps.rate)
    if (token.waitMs > 0) return { kind: 'held', until: new Date(started.getTime() + token.waitMs) }
    const claimed = await claimNext(deps.pool, deps.schema, started)
    if (claimed === undefined) return { kind: 'idle' }
    breaker = admission.next
    bucket = token.next
    const { bytes } = await deps.documents.get(claimed.document.sha256)
    const outcome = await deps.channel.riceviFile(claimed.fileName, bytes)
    const answered = deps.now()
    breaker = record(breaker, outcome.kind === 'unavailable', answered.getTime(), deps.breaker)
    const next = afterCall(outcome, claimed.attempt, answered, claimed.deadline, deps.retry)
    await withTransaction(deps.pool, async (tx) => {
      await recordOutcome(tx, deps.schema, claimed, outcome, next, answered)
      const event = outcomeEvent(claimed, next)
      if (event !== undefined) await enqueueEvents(tx, deps.schema, [event])
    })
    return { kind: 'called', invoiceId: claimed.invoiceId, next: next.status }
  }

  return { turn }
}
