import { withTransaction } from '@varco/db'
import { parseSdiMessage } from '@varco/fatturapa'
import type { NotificaRequest, SoapRequestContext } from '@varco/sdi-soap'
import { verifyXades } from '@varco/signature'
import { canonicalIdentificativo } from '../domain/notification.ts'
import { acceptCall } from '../adapters/pg/calls.ts'
import { keepIncomingNotice } from '../adapters/pg/incoming-files.ts'
import { lockMatching } from '../adapters/pg/matching-locks.ts'
import { emitTermsExpired } from './emit-incoming.ts'
import { callOf, refuseCall } from './sdi-call.ts'
import { issuesText, type NotificationDeps } from './take-notification.ts'

/**
 * RicezioneFatture.NotificaDecorrenzaTermini: SdI tells the recipient that the 15 days for its outcome passed. The
 * DT is verified, stored, and emitted as invoice.incoming_terms_expired for the incoming file with its
 * IdentificativoSdI, or held until that file is known and routed. The same call again has no second effect.
 */
export async function takeIncomingTermsExpired(
  deps: NotificationDeps,
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
  if (parsed.message.kind !== 'DT') {
    return refuseCall(
      deps,
      call,
      [request.File],
      `NotificaDecorrenzaTermini carries DT messages, not ${parsed.message.root}`,
    )
  }
  const identificativoSdI = canonicalIdentificativo(parsed.message.data.IdentificativoSdI)
  if (identificativoSdI !== canonicalIdentificativo(request.IdentificativoSdI)) {
    return refuseCall(deps, call, [request.File], `the DT is about IdentificativoSdI ${identificativoSdI}`)
  }
  const emitted = await withTransaction(deps.pool, async (tx) => {
    const callId = await acceptCall(tx, deps.schema, call)
    if (callId === undefined) return 'duplicate'
    const message = await deps.documents.put(request.File, 'application/xml', tx)
    const data = { identificativoSdI, messageFileName: request.NomeFile, message, receivedAt: receivedAt.toISOString() }
    await keepIncomingNotice(tx, deps.schema, callId, data)
    await lockMatching(tx, [`incoming:${identificativoSdI}`])
    return (await emitTermsExpired(tx, deps, identificativoSdI)) > 0 ? 'emitted' : 'held'
  })
  deps.logger.info({ nomeFile: request.NomeFile, identificativoSdI, outcome: emitted }, 'incoming DT taken')
}
