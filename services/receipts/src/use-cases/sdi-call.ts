import { createHash } from 'node:crypto'
import type pg from 'pg'
import { withTransaction } from '@varco/db'
import type { DocumentStore } from '@varco/documents'
import type { Logger } from '@varco/observability'
import { SdiSoapRequestInvalid, type FileSdI, type SoapRequestContext } from '@varco/sdi-soap'
import { recordCall, type SdiCall } from '../adapters/pg/calls.ts'

/** What every use case serving SdI's calls needs. */
export interface SdiCallDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly documents: DocumentStore
  readonly logger: Logger
  readonly now: () => Date
  /** The envelope's source of the events emitted. */
  readonly source: string
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/** The audit record of a call, before its verdict. */
export function callOf(
  request: FileSdI & { readonly NomeFileMetadati?: string; readonly Metadati?: Buffer },
  context: SoapRequestContext,
  receivedAt: Date,
): SdiCall {
  return {
    receivedAt,
    service: context.service,
    operation: context.operation,
    nomeFile: request.NomeFile,
    identificativoSdI: request.IdentificativoSdI,
    sha256: sha256Hex(request.File),
    size: request.File.length,
    metadataNomeFile: request.NomeFileMetadati,
    metadataSha256: request.Metadati === undefined ? undefined : sha256Hex(request.Metadati),
    mtom: context.mtom,
    peerFingerprint: context.peerCertificate()?.fingerprint256,
  }
}

/**
 * Keeps a refused call for audit (its bytes in the document store, the call and the reason in the trail), then
 * refuses it with a SOAP Client fault that says why. SdI gets the fault; nothing else happens.
 */
export async function refuseCall(
  deps: SdiCallDeps,
  call: SdiCall,
  files: readonly Buffer[],
  reason: string,
): Promise<never> {
  await withTransaction(deps.pool, async (tx) => {
    for (const bytes of files) await deps.documents.put(bytes, 'application/octet-stream', tx)
    await recordCall(tx, deps.schema, call, 'refused', reason)
  })
  deps.logger.warn(
    { operation: call.operation, nomeFile: call.nomeFile, identificativoSdI: call.identificativoSdI, reason },
    'SdI call refused',
  )
  throw new SdiSoapRequestInvalid(reason)
}
