import { withTransaction } from '@varco/db'
import { parseSdiMessage } from '@varco/fatturapa'
import type { NotificaRequest, SoapRequestContext } from '@varco/sdi-soap'
import { verifyXades, type TrustStore } from '@varco/signature'
import { notificationFacts, type TransmitterOperation } from '../domain/notification.ts'
import { acceptCall } from '../adapters/pg/calls.ts'
import { byFileName, byIdentificativo, lockMatching } from '../adapters/pg/matching-locks.ts'
import { keepNotification } from '../adapters/pg/notifications.ts'
import { matchOutboundFile } from '../adapters/pg/outbound-files.ts'
import { decideHeld, type DecidedMessage } from './decide-held.ts'
import { reportDecisions } from './report-decisions.ts'
import { callOf, refuseCall, type SdiCallDeps } from './sdi-call.ts'

export interface NotificationDeps extends SdiCallDeps {
  /** SdI's message-signing CA(s). */
  readonly sdiTrust: TrustStore
}

/** The first few problems of an unparseable file, in English, for the fault and the audit trail. */
export function issuesText(
  issues: readonly { readonly path: string; readonly message: { readonly en: string } }[],
): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => (issue.path === '' ? issue.message.en : `${issue.path}: ${issue.message.en}`))
  return `${shown.join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`
}

/**
 * One message SdI sent through TrasmissioneFatture: its signature verified against SdI's CA, parsed, stored, and in
 * one transaction recorded with the call, decided when its file is known (else held) and its invoice.notification
 * enqueued. Resolves once all that committed: only then does SdI get its answer. The same call again is recorded as
 * a duplicate and answered the same, with no second effect. A message that cannot be taken is kept and refused.
 */
export async function takeNotification(
  deps: NotificationDeps,
  operation: TransmitterOperation,
  request: NotificaRequest,
  context: SoapRequestContext,
): Promise<void> {
  const receivedAt = deps.now()
  const call = callOf(request, context, receivedAt)
  const verdict = await verifyXades(request.File, { trust: deps.sdiTrust, receivedAt })
  if (!verdict.valid) {
    return refuseCall(deps, call, [request.File], `the message is not signed by SdI: ${verdict.message}`)
  }
  const parsed = parseSdiMessage(request.File)
  if (!parsed.ok) return refuseCall(deps, call, [request.File], `not an SdI message: ${issuesText(parsed.issues)}`)
  const result = notificationFacts(
    operation,
    { identificativoSdI: request.IdentificativoSdI },
    parsed.message,
    receivedAt,
  )
  if (!result.ok) return refuseCall(deps, call, [request.File], result.reason)
  const { facts } = result

  const decided = await withTransaction(deps.pool, async (tx): Promise<DecidedMessage[] | 'duplicate'> => {
    const callId = await acceptCall(tx, deps.schema, call)
    if (callId === undefined) return 'duplicate'
    const ref = await deps.documents.put(request.File, 'application/xml', tx)
    await keepNotification(tx, deps.schema, callId, facts, { fileName: request.NomeFile, ref, receivedAt })
    await lockMatching(tx, [byIdentificativo(facts.identificativoSdI), byFileName(facts.invoiceFileName)])
    const file = await matchOutboundFile(tx, deps.schema, facts.identificativoSdI, facts.invoiceFileName)
    return file === undefined ? [] : decideHeld(tx, deps, file)
  })
  const fields = { operation, nomeFile: request.NomeFile, identificativoSdI: facts.identificativoSdI }
  if (decided === 'duplicate') return void deps.logger.info(fields, 'SdI call repeated: answered, no second effect')
  if (decided.length === 0) deps.logger.info(fields, 'SdI message held: its invoice file is not known yet')
  reportDecisions(deps.logger, decided)
}
