import type pg from 'pg'
import { invoiceOutcomeSent, type InvoiceOutcomeSentData } from '@varco/contracts'
import { enqueueEvents, withTransaction } from '@varco/db'
import type { DocumentStore } from '@varco/documents'
import { parseSdiMessage } from '@varco/fatturapa'
import type { RetryPolicy } from '../domain/attempts.ts'
import { afterNotifica, type OutcomeStep } from '../domain/outcome-steps.ts'
import { claimNextOutcome, recordOutcomeStep, type ClaimedOutcome } from '../adapters/pg/outcomes.ts'
import type { NotificaChannel } from '../adapters/soap/notifica-channel.ts'
import type { WorkerTurn } from './run-workers.ts'

export interface SendOutcomeDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly documents: DocumentStore
  readonly channel: NotificaChannel
  readonly retry: RetryPolicy
  readonly now: () => Date
}

/** The SE's code and description, read from the message SdI sent with ES00 (EN00 when it cannot be read). */
function scartoOf(file: Buffer): { code: 'EN00' | 'EN01'; description?: string } {
  const parsed = parseSdiMessage(file)
  if (parsed.ok && parsed.message.kind === 'SE' && parsed.message.family === 'pa') {
    const { Scarto, Note } = parsed.message.data
    return Note === undefined ? { code: Scarto } : { code: Scarto, description: Note }
  }
  return { code: 'EN00', description: 'SdI’s SE could not be read; its file is kept' }
}

async function sentData(
  deps: SendOutcomeDeps,
  claimed: ClaimedOutcome,
  step: Exclude<OutcomeStep, { status: 'waiting' }>,
): Promise<InvoiceOutcomeSentData> {
  const common = {
    identificativoSdI: claimed.identificativoSdI,
    esito: claimed.esito,
    ecFileName: claimed.ecFileName,
    ec: claimed.ecDocument,
    attempts: claimed.attempt,
  }
  if (step.status === 'failed') {
    return { ...common, result: 'failed', failure: { cause: step.cause, message: step.message.slice(0, 1000) } }
  }
  if (step.result === 'ES01') return { ...common, result: 'ES01' }
  const message = await deps.documents.put(step.scarto.file, 'application/xml')
  return {
    ...common,
    result: 'ES00',
    scarto: { ...scartoOf(step.scarto.file), messageFileName: step.scarto.fileName, message },
  }
}

/**
 * One turn of the outcome workers: claims the outcome due first, sends its EC through SdIRiceviNotifica, and
 * records the step with the invoice.outcome_sent it causes (ES01, ES00 with the SE, or failed) in one transaction.
 */
export function createOutcomeSender(deps: SendOutcomeDeps): { readonly turn: () => Promise<WorkerTurn> } {
  async function turn(): Promise<WorkerTurn> {
    const claimed = await claimNextOutcome(deps.pool, deps.schema, deps.now())
    if (claimed === undefined) return { kind: 'idle' }
    const { bytes } = await deps.documents.get(claimed.ecDocument.sha256)
    const outcome = await deps.channel.notificaEsito(claimed.identificativoSdI, claimed.ecFileName, bytes)
    const answered = deps.now()
    const step = afterNotifica(outcome, claimed.attempt, answered, claimed.deadline, deps.retry)
    const data = step.status === 'waiting' ? undefined : await sentData(deps, claimed, step)
    await withTransaction(deps.pool, async (tx) => {
      await recordOutcomeStep(tx, deps.schema, claimed, step, answered)
      if (data === undefined) return
      const event = invoiceOutcomeSent.create({
        source: 'transmission',
        tenantId: claimed.tenantId,
        invoiceId: claimed.invoiceId,
        correlationId: claimed.correlationId,
        causationId: claimed.requestEventId,
        data,
      })
      await enqueueEvents(tx, deps.schema, [event])
    })
    return { kind: 'called' }
  }
  return { turn }
}
