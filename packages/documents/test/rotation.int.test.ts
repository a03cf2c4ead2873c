import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDocumentStore } from '../src/document-store.ts'
import { setUpDocumentsDatabase, type DocumentsDatabase } from './database.ts'
import { keyringOf, newKey } from './keys.ts'

let database: DocumentsDatabase

beforeAll(async () => {
  database = await setUpDocumentsDatabase()
})

afterAll(async () => {
  await database?.close()
})

// A rotation works on the whole table: each test starts from an empty one, under keys of its own.
beforeEach(async () => {
  await database.sql.query('TRUNCATE documents.documents')
})

interface StoredRow {
  sha256: string
  key_id: string
  wrapped_key: Buffer
  nonce: Buffer
  ciphertext: Buffer
}

async function rowsOf(refs: readonly { sha256: string }[]): Promise<Map<string, StoredRow>> {
  const { rows } = await database.sql.query<StoredRow>(
    `SELECT encode(sha256, 'hex') AS sha256, key_id, wrapped_key, nonce, ciphertext FROM documents.documents
     WHERE sha256 = ANY($1::bytea[])`,
    [refs.map((ref) => Buffer.from(ref.sha256, 'hex'))],
  )
  return new Map(rows.map((row) => [row.sha256, row]))
}

async function putMany(store: ReturnType<typeof createDocumentStore>, count: number) {
  const contents = Array.from({ length: count }, () => randomBytes(3000))
  const refs = []
  for (const content of contents) refs.push(await store.put(content, 'application/xml'))
  return { contents, refs }
}

describe('master key rotation', () => {
  it('moves every document from key A to key B without touching its ciphertext', async () => {
    const keyA = newKey()
    const keyB = newKey()
    const old = await putMany(createDocumentStore({ pool: database.pool, keyring: keyringOf({ A: keyA }, 'A') }), 5)

    // Step 1: every replica gets {A, B} with B active. Old documents still open; new ones go under B.
    const both = createDocumentStore({ pool: database.pool, keyring: keyringOf({ A: keyA, B: keyB }, 'B') })
    for (const [i, ref] of old.refs.entries())
      expect((await both.get(ref.sha256)).bytes.equals(old.contents[i]!)).toBe(true)
    const fresh = await putMany(both, 2)
    const before = await rowsOf([...old.refs, ...fresh.refs])
    expect(old.refs.map((ref) => before.get(ref.sha256)?.key_id)).toEqual(['A', 'A', 'A', 'A', 'A'])
    expect(fresh.refs.map((ref) => before.get(ref.sha256)?.key_id)).toEqual(['B', 'B'])

    // Step 2: rewrap, in batches smaller than the work.
    expect(await both.rewrap({ batchSize: 2 })).toEqual({ rewrapped: 5, remaining: 0 })
    const after = await rowsOf([...old.refs, ...fresh.refs])
    for (const ref of [...old.refs, ...fresh.refs]) {
      const [was, is] = [before.get(ref.sha256)!, after.get(ref.sha256)!]
      expect(is.key_id).toBe('B')
      expect(is.ciphertext.equals(was.ciphertext)).toBe(true)
      expect(is.nonce.equals(was.nonce)).toBe(true)
      expect(is.wrapped_key.equals(was.wrapped_key)).toBe(was.key_id === 'B')
    }

    // Step 3: A leaves the configuration; every document, old and new, opens under B alone.
    const onlyB = createDocumentStore({ pool: database.pool, keyring: keyringOf({ B: keyB }, 'B') })
    const all = [...old.contents, ...fresh.contents]
    for (const [i, ref] of [...old.refs, ...fresh.refs].entries()) {
      expect((await onlyB.get(ref.sha256)).bytes.equals(all[i]!)).toBe(true)
    }
    const onlyA = createDocumentStore({ pool: database.pool, keyring: keyringOf({ A: keyA }, 'A') })
    await expect(onlyA.get(old.refs[0]!.sha256)).rejects.toMatchObject({ code: 'DOC_ERR_KEY_UNKNOWN' })
    expect(await onlyB.rewrap()).toEqual({ rewrapped: 0, remaining: 0 })
  })

  it('skips rows another transaction holds, and counts them as remaining', async () => {
    const keyC = newKey()
    const keyD = newKey()
    const old = await putMany(createDocumentStore({ pool: database.pool, keyring: keyringOf({ C: keyC }, 'C') }), 3)
    const rotating = createDocumentStore({ pool: database.pool, keyring: keyringOf({ C: keyC, D: keyD }, 'D') })
    const locker = await database.pool.connect()
    try {
      await locker.query('BEGIN')
      await locker.query('SELECT 1 FROM documents.documents WHERE sha256 = $1 FOR UPDATE', [
        Buffer.from(old.refs[0]!.sha256, 'hex'),
      ])
      // Would hang on the locked row without SKIP LOCKED.
      expect(await rotating.rewrap({ batchSize: 10 })).toEqual({ rewrapped: 2, remaining: 1 })
    } finally {
      await locker.query('ROLLBACK')
      locker.release()
    }
    expect(await rotating.rewrap()).toEqual({ rewrapped: 1, remaining: 0 })
    const rows = await rowsOf(old.refs)
    expect([...rows.values()].map((row) => row.key_id)).toEqual(['D', 'D', 'D'])
  })

  it('fails loudly, changing nothing, when a document is under a key the keyring lacks', async () => {
    const keyE = newKey()
    const { refs } = await putMany(
      createDocumentStore({ pool: database.pool, keyring: keyringOf({ E: keyE }, 'E') }),
      2,
    )
    const lacking = createDocumentStore({ pool: database.pool, keyring: keyringOf({ F: newKey() }, 'F') })
    await expect(lacking.rewrap()).rejects.toMatchObject({ code: 'DOC_ERR_KEY_UNKNOWN' })
    expect([...(await rowsOf(refs)).values()].map((row) => row.key_id)).toEqual(['E', 'E'])
  })

  it('refuses a batch size that is not a positive integer with DOC_ERR_OPTION', async () => {
    const store = createDocumentStore({ pool: database.pool, keyring: keyringOf({ G: newKey() }, 'G') })
    await expect(store.rewrap({ batchSize: 0 })).rejects.toMatchObject({ code: 'DOC_ERR_OPTION' })
  })
})
