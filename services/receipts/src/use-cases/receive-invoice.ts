import { randomUUID } from 'node:crypto'
import type { DocumentRef } from '@varco/contracts'
import { withTransaction, type Queryable } from '@varco/db'
import type { DocumentStore } from '@varco/documents'
import { parseFattura, parseSdiMessage, type FatturaElettronica } from '@varco/fatturapa'
import type { RiceviFattureRequest, RiceviFattureResponse, SoapRequestContext } from '@varco/sdi-soap'
import { unwrapSignedFile, type TrustStore } from '@varco/signature'
import { incomingData, type DeliveredInvoice } from '../domain/incoming.ts'
import { canonicalIdentificativo } from '../domain/notification.ts'
import { routeFor } from '../domain/routing.ts'
import { acceptCall } from '../adapters/pg/calls.ts'
import { keepIncomingFile, type IncomingFile } from '../adapters/pg/incoming-files.ts'
import { lockMatching } from '../adapters/pg/matching-locks.ts'
import { lockRoutes, routesFor } from '../adapters/pg/routes.ts'
import { emitIncoming } from './emit-incoming.ts'
import { callOf, refuseCall, type SdiCallDeps } from './sdi-call.ts'
import { issuesText } from './take-notification.ts'

export interface ReceiveInvoiceDeps extends SdiCallDeps {
  /** The CAs trusted for the sellers' signatures. */
  readonly signerTrust: TrustStore
}

const TAKEN: RiceviFattureResponse = { Esito: 'ER01' }

/** What the seller's file holds, when it could be verified and read; else why not (the file is kept regardless). */
type Reading =
  | {
      readonly ok: true
      readonly content: Buffer
      readonly fattura: FatturaElettronica
      readonly signature: DeliveredInvoice['signature']
    }
  | {
      readonly ok: false
      readonly status: 'unverified' | 'unreadable'
      readonly problem: string
      readonly content?: Buffer
    }

async function readInvoice(file: Buffer, trust: TrustStore, receivedAt: Date): Promise<Reading> {
  const unwrapped = await unwrapSignedFile(file, { trust, receivedAt })
  if (!unwrapped.ok) {
    const problem = unwrapped.problems.map((p) => `${p.code} ${p.message}`).join('; ')
    return { ok: false, status: 'unverified', problem: `the seller's signature does not verify: ${problem}` }
  }
  const parsed = parseFattura(unwrapped.content)
  if (!parsed.ok) {
    const problem = `the invoice cannot be read: ${issuesText(parsed.issues)}`
    return { ok: false, status: 'unreadable', problem, content: unwrapped.content }
  }
  const signature =
    unwrapped.signedBy === undefined
      ? { format: 'none' as const }
      : { format: unwrapped.signedBy, signer: unwrapped.verdict.signer }
  return { ok: true, content: unwrapped.content, fattura: parsed.fattura, signature }
}

const mediaTypeOf = (fileName: string): string =>
  fileName.toLowerCase().endsWith('.p7m') ? 'application/pkcs7-mime' : 'application/xml'

interface Stored {
  readonly file: DocumentRef
  readonly metadata: DocumentRef
  readonly content: DocumentRef | undefined
}

async function store(tx: Queryable, documents: DocumentStore, request: RiceviFattureRequest, content?: Buffer) {
  const file = await documents.put(request.File, mediaTypeOf(request.NomeFile), tx)
  const metadata = await documents.put(request.Metadati, 'application/xml', tx)
  const stored: Stored = { file, metadata, content: content && (await documents.put(content, 'application/xml', tx)) }
  return stored
}

/**
 * RiceviFatture: SdI delivers an invoice for one of our clients with its metadata (MT). Both are stored; the seller's
 * signature is verified and the invoice read; it is routed to a client and invoice.incoming enqueued, or held until
 * a route is configured. Answered ER01 once that committed. An unreadable MT is refused (SdI will try again); an
 * invoice whose signature does not verify, or that cannot be read, is kept and answered ER01 but never emitted: it
 * waits for an operator (README.md). The same delivery again makes nothing new.
 */
export async function receiveInvoice(
  deps: ReceiveInvoiceDeps,
  request: RiceviFattureRequest,
  context: SoapRequestContext,
): Promise<RiceviFattureResponse> {
  const receivedAt = deps.now()
  const call = callOf(request, context, receivedAt)
  const files = [request.File, request.Metadati]
  const mt = parseSdiMessage(request.Metadati, { requireSignature: false })
  if (!mt.ok) return refuseCall(deps, call, files, `the metadata file is not an MT: ${issuesText(mt.issues)}`)
  if (mt.message.kind !== 'MT')
    return refuseCall(deps, call, files, `the metadata file is a ${mt.message.root}, not an MT`)
  const identificativoSdI = canonicalIdentificativo(request.IdentificativoSdI)
  if (canonicalIdentificativo(mt.message.data.IdentificativoSdI) !== identificativoSdI) {
    return refuseCall(deps, call, files, `the MT is about IdentificativoSdI ${mt.message.data.IdentificativoSdI}`)
  }
  const metadataCodice = mt.message.data.CodiceDestinatario
  const reading = await readInvoice(request.File, deps.signerTrust, receivedAt)

  const outcome = await withTransaction(deps.pool, async (tx) => {
    const callId = await acceptCall(tx, deps.schema, call)
    if (callId === undefined) return 'duplicate'
    // Always the routes' lock before the file's, as a route's addition takes them.
    await lockRoutes(tx, 'read')
    await lockMatching(tx, [`incoming:${identificativoSdI}`])
    const stored = await store(tx, deps.documents, request, reading.content)
    const base = { invoiceId: randomUUID(), identificativoSdI, fileName: request.NomeFile, callId, receivedAt }
    if (!reading.ok) {
      const kept = await keepIncomingFile(tx, deps.schema, {
        ...base,
        status: reading.status,
        problem: reading.problem,
      })
      return kept ? reading.status : 'duplicate'
    }
    const { data, recipient } = incomingData({
      ...base,
      metadataFileName: request.NomeFileMetadati,
      metadataCodice,
      file: stored.file,
      content: stored.content ?? stored.file,
      metadata: stored.metadata,
      signature: reading.signature,
      fattura: reading.fattura,
    })
    const route = routeFor(await routesFor(tx, deps.schema, recipient.codes), recipient)
    const file: IncomingFile = {
      ...base,
      status: route === undefined ? 'held' : 'routed',
      recipient,
      data,
      tenantId: route?.tenantId,
    }
    if (!(await keepIncomingFile(tx, deps.schema, file))) return 'duplicate'
    if (route !== undefined) await emitIncoming(tx, deps, { invoiceId: base.invoiceId, tenantId: route.tenantId, data })
    return file.status
  })
  const fields = { nomeFile: request.NomeFile, identificativoSdI, outcome }
  if (outcome === 'unverified' || outcome === 'unreadable') {
    const problem = reading.ok ? undefined : reading.problem
    deps.logger.error({ ...fields, problem, alert: 'incoming_not_readable' }, 'incoming invoice kept but not emitted')
  } else deps.logger.info(fields, 'incoming invoice taken')
  return TAKEN
}
