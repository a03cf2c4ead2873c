import { resolve } from 'node:path'
import type pg from 'pg'
import type { DocumentRef } from '@varco/contracts'
import type { Queryable } from '@varco/db'
import { addressOf, parseAddress } from './address.ts'
import { openDocument, sealDocument } from './envelope-crypto.ts'
import {
  DocumentBadMediaType,
  DocumentIntegrityFailed,
  DocumentNotFound,
  DocumentOptionInvalid,
  DocumentTooLarge,
} from './errors.ts'
import type { Keyring } from './keyring.ts'
import { rewrapAll, type RewrapResult } from './rewrap.ts'

/** The schema every service reads documents from; run {@link documentsMigrationsDir} into it. */
export const documentsSchema = 'documents'

/** The store's migrations, for `migrateSchema({ schema: documentsSchema, dir: documentsMigrationsDir, ... })`. */
export const documentsMigrationsDir = resolve(import.meta.dirname, '../migrations')

/** 10 MiB: a FatturaPA file is at most 5 MB, a signed one a little more. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

const DEFAULT_REWRAP_BATCH = 500

/** What {@link createDocumentStore} needs: the process's pool and the keyring parsed from configuration. */
export interface DocumentStoreOptions {
  readonly pool: pg.Pool
  readonly keyring: Keyring
  /** The largest content `put` accepts, in bytes; DEFAULT_MAX_DOCUMENT_BYTES unless said. */
  readonly maxBytes?: number
}

/** A document's content, as `get` returns it after decrypting and verifying it. */
export interface DocumentContent {
  readonly bytes: Buffer
  readonly mediaType: string
  readonly size: number
}

/** Content-addressed, encrypted-at-rest bytes: events carry the DocumentRef, the bytes stay here. */
export interface DocumentStore {
  /**
   * Stores `bytes` (a no-op when the same bytes are already stored) and returns their reference. With `tx`, the
   * row commits or rolls back with the caller's transaction. Same bytes stored under another media type keep
   * the first one, which the returned reference carries.
   */
  put(bytes: Uint8Array, mediaType: string, tx?: Queryable): Promise<DocumentRef>
  /** Decrypts and verifies the document at `sha256Hex`; coded errors for a bad ref, no document, a bad key. */
  get(sha256Hex: string, tx?: Queryable): Promise<DocumentContent>
  /** Whether a document is stored at `sha256Hex`. */
  has(sha256Hex: string, tx?: Queryable): Promise<boolean>
  /** Re-wraps every data key under the active master key (key rotation); safe while the system runs. */
  rewrap(options?: { readonly batchSize?: number }): Promise<RewrapResult>
}

interface DocumentRow {
  size: string
  media_type: string
  key_id: string
  wrapped_key: Buffer
  nonce: Buffer
  ciphertext: Buffer
}

const INSERT_SQL = `
  INSERT INTO documents.documents (sha256, size, media_type, key_id, wrapped_key, nonce, ciphertext)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (sha256) DO NOTHING
  RETURNING media_type`
const MEDIA_TYPE_SQL = 'SELECT media_type FROM documents.documents WHERE sha256 = $1'
const EXISTS_SQL = 'SELECT 1 FROM documents.documents WHERE sha256 = $1'
const SELECT_SQL = `
  SELECT size, media_type, key_id, wrapped_key, nonce, ciphertext FROM documents.documents WHERE sha256 = $1`

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new DocumentOptionInvalid(`${name} must be a positive integer`)
  return value
}

/** Creates the document store over the `documents` schema; `keyring` from {@link parseKeyring}. */
export function createDocumentStore({
  pool,
  keyring,
  maxBytes = DEFAULT_MAX_DOCUMENT_BYTES,
}: DocumentStoreOptions): DocumentStore {
  positiveInteger(maxBytes, 'maxBytes')

  async function put(bytes: Uint8Array, mediaType: string, tx: Queryable = pool): Promise<DocumentRef> {
    if (bytes.byteLength > maxBytes) throw new DocumentTooLarge(bytes.byteLength, maxBytes)
    if (mediaType.length < 1 || mediaType.length > 200) throw new DocumentBadMediaType(mediaType.length)
    const address = addressOf(bytes)
    const { keyId, wrappedKey, nonce, ciphertext } = sealDocument(bytes, address, keyring)
    const values = [address, bytes.byteLength, mediaType, keyId, wrappedKey, nonce, ciphertext]
    const inserted = await tx.query<{ media_type: string }>(INSERT_SQL, values)
    // Nothing inserted: the bytes were there already (ON CONFLICT waited for a concurrent writer of the same bytes
    // to finish, so its row is visible now); the reference carries the media type they were stored with.
    const stored = inserted.rows[0] ?? (await tx.query<{ media_type: string }>(MEDIA_TYPE_SQL, [address])).rows[0]
    return { sha256: address.toString('hex'), size: bytes.byteLength, mediaType: stored?.media_type ?? mediaType }
  }

  async function get(sha256Hex: string, tx: Queryable = pool): Promise<DocumentContent> {
    const address = parseAddress(sha256Hex)
    const { rows } = await tx.query<DocumentRow>(SELECT_SQL, [address])
    const row = rows[0]
    if (!row) throw new DocumentNotFound(sha256Hex)
    const sealed = { keyId: row.key_id, wrappedKey: row.wrapped_key, nonce: row.nonce, ciphertext: row.ciphertext }
    const bytes = openDocument(sealed, address, keyring)
    // size is not authenticated; a row whose size disagrees with its content was altered.
    if (Number(row.size) !== bytes.length) throw new DocumentIntegrityFailed(sha256Hex, 'its recorded size is wrong')
    return { bytes, mediaType: row.media_type, size: bytes.length }
  }

  async function has(sha256Hex: string, tx: Queryable = pool): Promise<boolean> {
    const { rowCount } = await tx.query(EXISTS_SQL, [parseAddress(sha256Hex)])
    return rowCount === 1
  }

  async function rewrap({
    batchSize = DEFAULT_REWRAP_BATCH,
  }: { readonly batchSize?: number } = {}): Promise<RewrapResult> {
    return rewrapAll(pool, keyring, positiveInteger(batchSize, 'batchSize'))
  }

  return { put, get, has, rewrap }
}
