import { createHash } from 'node:crypto'
import type pg from 'pg'
import { nextInSequence, withTransaction } from '@varco/db'
import type { TrustStore } from '@varco/signature'
import { checkSubmission } from '../domain/intake.ts'
import { DEFAULT_SCRIPT, planOutcome, type PlannedStep, type Windows } from '../domain/plan.ts'
import type { IntakeVerdict, SubmittedFile } from '../domain/submitted-file.ts'
import { planDelivery, planMessages, recordReceivedFile, type ReceivedFile } from '../adapters/pg/received-files.ts'
import { pgRegistry, scriptFor } from '../adapters/pg/registry.ts'

export interface ReceiveDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly trust: TrustStore
  readonly windows: Windows
  readonly now: () => Date
  /** Treat every routing code as a known recipient (the default for development), or only those registered. */
  readonly acceptUnknownCodes: boolean
}

export interface Receipt extends ReceivedFile {
  readonly verdict: IntakeVerdict
}

/**
 * SdIRiceviFile's work: checks the file, gives it an IdentificativoSdI and records it with the messages due about
 * it, in one transaction. Files of the same name are received one at a time (an advisory lock on the name), so two
 * concurrent copies cannot both pass the duplicate-name check.
 */
export function receiveFile(deps: ReceiveDeps, file: SubmittedFile): Promise<Receipt> {
  const { schema } = deps
  return withTransaction(deps.pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sdi-simulator:${file.name}`])
    const receivedAt = deps.now()
    const registry = pgRegistry(tx, schema, { acceptUnknownCodes: deps.acceptUnknownCodes })
    const verdict = await checkSubmission(file, { registry, trust: deps.trust, receivedAt })
    const identificativoSdI = String(await nextInSequence(tx, schema, 'identificativo-sdi'))
    const sha256 = createHash('sha256').update(file.bytes).digest('hex')
    await recordReceivedFile(tx, schema, { ...file, identificativoSdI, receivedAt, sha256 }, verdict)
    let steps: PlannedStep[]
    if (verdict.accepted && verdict.recipient.endpoint !== undefined) {
      // A real recipient: what follows depends on its delivery and its outcome (deliver-due.ts, notifica-esito.ts).
      const dueAt = new Date(receivedAt.getTime() + deps.windows.processingMs)
      await planDelivery(tx, schema, { identificativoSdI, receivedAt }, verdict.recipient.endpoint, dueAt)
      steps = []
    } else if (verdict.accepted) {
      const script = (await scriptFor(tx, schema, file.name, verdict.recipient.code)) ?? DEFAULT_SCRIPT
      steps = planOutcome(verdict.formato, script, deps.windows)
    } else {
      steps = [{ afterMs: deps.windows.processingMs, message: 'NS' }]
    }
    await planMessages(tx, schema, { identificativoSdI, receivedAt }, steps)
    return { identificativoSdI, receivedAt, verdict }
  })
}
