import type { DocumentContent } from '@varco/documents'
import { selectIncomingHistory, type IncomingHistoryEntry } from '../adapters/pg/incoming-history-repository.ts'
import {
  findIncoming,
  selectIncoming,
  type IncomingFilter,
  type IncomingRecord,
} from '../adapters/pg/incoming-repository.ts'
import type { Principal } from '../adapters/pg/tenant-repository.ts'
import { decodeCursor, encodeCursor } from '../domain/cursor.ts'
import { INCOMING_ID, isIncomingId } from '../domain/ids.ts'
import { IncomingNotFound } from '../errors.ts'
import type { IngestDeps } from './deps.ts'

/** An incoming invoice as the API shows it (the file's bytes are behind `files`). */
export interface IncomingView {
  readonly id: string
  readonly identificativoSdI: string
  readonly fileName: string
  readonly formato: IncomingRecord['formato']
  readonly codiceDestinatario: string
  readonly seller: IncomingRecord['seller']
  readonly buyer: IncomingRecord['buyer']
  readonly documents: IncomingRecord['documents']
  readonly signature: IncomingRecord['signature']
  readonly receivedAt: string
  readonly heldSince: string | null
  readonly outcomeBy: string | null
  readonly outcomeState: IncomingRecord['outcomeState']
  readonly outcome: IncomingRecord['outcome']
  readonly files: { readonly original: string; readonly xml: string; readonly metadata: string }
}

export interface IncomingDetail extends IncomingView {
  readonly history: IncomingHistoryEntry[]
}

export type IncomingPart = 'original' | 'xml' | 'metadata'

function viewOf(record: IncomingRecord): IncomingView {
  const file = `/v1/incoming-invoices/${record.id}/file?part=`
  return {
    id: record.id,
    identificativoSdI: record.identificativoSdI,
    fileName: record.fileName,
    formato: record.formato,
    codiceDestinatario: record.codiceDestinatario,
    seller: record.seller,
    buyer: record.buyer,
    documents: record.documents,
    signature: record.signature,
    receivedAt: record.receivedAt,
    heldSince: record.heldSince,
    outcomeBy: record.outcomeBy,
    outcomeState: record.outcomeState,
    outcome: record.outcome,
    files: { original: `${file}original`, xml: `${file}xml`, metadata: `${file}metadata` },
  }
}

async function ownIncoming(deps: IngestDeps, principal: Principal, id: string): Promise<IncomingRecord> {
  // Another tenant's invoice and none at all get the same answer.
  const record = isIncomingId(id) ? await findIncoming(deps.pool, principal.tenantId, id) : undefined
  if (record === undefined) throw new IncomingNotFound()
  return record
}

/** GET /v1/incoming-invoices/{id}: parties, documents, signer, outcome and its history. */
export async function getIncoming(deps: IngestDeps, principal: Principal, id: string): Promise<IncomingDetail> {
  const record = await ownIncoming(deps, principal, id)
  return { ...viewOf(record), history: await selectIncomingHistory(deps.pool, record.id) }
}

/** GET /v1/incoming-invoices: a page of the tenant's incoming invoices, newest first. */
export async function listIncoming(
  deps: IngestDeps,
  principal: Principal,
  query: IncomingFilter & { readonly cursor?: string | undefined; readonly limit: number },
): Promise<{ items: IncomingView[]; nextCursor: string | null }> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, INCOMING_ID)
  const records = await selectIncoming(deps.pool, principal.tenantId, query, after, query.limit + 1)
  const page = records.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(viewOf),
    nextCursor:
      records.length > query.limit && last !== undefined
        ? encodeCursor({ createdAt: last.cursorTime, id: last.id })
        : null,
  }
}

/** GET /v1/incoming-invoices/{id}/file: the file as SdI delivered it, its invoice XML, or SdI's metadata file. */
export async function getIncomingFile(
  deps: IngestDeps,
  principal: Principal,
  id: string,
  part: IncomingPart,
): Promise<DocumentContent & { readonly fileName: string }> {
  const record = await ownIncoming(deps, principal, id)
  const ref = part === 'original' ? record.file : part === 'xml' ? record.content : record.metadata
  const content = await deps.documents.get(ref.sha256)
  const fileName =
    part === 'original'
      ? record.fileName
      : part === 'metadata'
        ? record.metadataFileName
        : record.fileName.replace(/\.p7m$/, '')
  return { ...content, mediaType: ref.mediaType, fileName }
}
