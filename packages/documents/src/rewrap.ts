import type pg from 'pg'
import { withTransaction } from '@varco/db'
import { rewrapKey } from './envelope-crypto.ts'
import type { Keyring } from './keyring.ts'

interface KeyRow {
  sha256: Buffer
  key_id: string
  wrapped_key: Buffer
}

// `key_id < $1 OR key_id > $1` rather than `<>`: PostgreSQL cannot scan an index for `<>`, but can for the two
// ranges. FOR NO KEY UPDATE (not FOR UPDATE) because the primary key does not change: rows stay referenceable by
// foreign keys meanwhile. SKIP LOCKED lets several rewraps, and the running system, proceed side by side.
const CLAIM_SQL = `
  SELECT sha256, key_id, wrapped_key FROM documents.documents
  WHERE key_id < $1 OR key_id > $1
  LIMIT $2
  FOR NO KEY UPDATE SKIP LOCKED`

const REMAINING_SQL = 'SELECT count(*)::integer AS remaining FROM documents.documents WHERE key_id < $1 OR key_id > $1'

// Only key_id and wrapped_key change: PostgreSQL carries the TOASTed ciphertext over by reference, so a
// rotation writes about a hundred bytes per document whatever its size.
const UPDATE_SQL = `
  UPDATE documents.documents AS d SET key_id = $1, wrapped_key = u.wrapped_key
  FROM unnest($2::bytea[], $3::bytea[]) AS u (sha256, wrapped_key)
  WHERE d.sha256 = u.sha256`

async function rewrapBatch(tx: pg.PoolClient, keyring: Keyring, batchSize: number): Promise<number> {
  const { rows } = await tx.query<KeyRow>(CLAIM_SQL, [keyring.activeKeyId, batchSize])
  if (rows.length === 0) return 0
  const rewrapped = rows.map((row) =>
    rewrapKey({ keyId: row.key_id, wrappedKey: row.wrapped_key }, row.sha256, keyring),
  )
  await tx.query(UPDATE_SQL, [
    keyring.activeKeyId,
    rows.map((row) => row.sha256),
    rewrapped.map((key) => key.wrappedKey),
  ])
  return rows.length
}

/** What a rotation did: documents re-wrapped, and documents still under another key (locked or written meanwhile). */
export interface RewrapResult {
  readonly rewrapped: number
  readonly remaining: number
}

/**
 * Re-wraps, batch by batch (one transaction each), the data key of every document whose master key is not the
 * active one. A document under a key the keyring lacks fails its batch with DOC_ERR_KEY_UNKNOWN, loudly: silently
 * skipping it would let an operator remove a master key that still guards documents.
 */
export async function rewrapAll(pool: pg.Pool, keyring: Keyring, batchSize: number): Promise<RewrapResult> {
  let rewrapped = 0
  for (;;) {
    const count = await withTransaction(pool, (tx) => rewrapBatch(tx, keyring, batchSize))
    rewrapped += count
    // A short batch means nothing unlocked is left under an old key.
    if (count < batchSize) break
  }
  // Rows skipped as locked (another rewrap's), or written under an old key by a replica not yet reconfigured,
  // are counted here: an old master key may leave the configuration only once this is 0.
  const { rows } = await pool.query<{ remaining: number }>(REMAINING_SQL, [keyring.activeKeyId])
  return { rewrapped, remaining: rows[0]?.remaining ?? 0 }
}
