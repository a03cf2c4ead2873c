import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentRef } from '@varco/contracts'
import { createDocumentStore, type DocumentStore } from '../src/document-store.ts'
import { setUpDocumentsDatabase, type DocumentsDatabase } from './database.ts'
import { keyringOf, newKey } from './keys.ts'

let database: DocumentsDatabase
const keyA = newKey()
const keyB = newKey()
let store: DocumentStore

beforeAll(async () => {
  database = await setUpDocumentsDatabase()
  store = createDocumentStore({ pool: database.pool, keyring: keyringOf({ A: keyA, B: keyB }, 'A') })
})

afterAll(async () => {
  await database?.close()
})

async function aStoredDocument(): Promise<DocumentRef> {
  return store.put(randomBytes(4000), 'application/xml')
}

async function tamper(ref: DocumentRef, assignment: string, ...params: unknown[]): Promise<void> {
  const { rowCount } = await database.sql.query(`UPDATE documents.documents SET ${assignment} WHERE sha256 = $1`, [
    Buffer.from(ref.sha256, 'hex'),
    ...params,
  ])
  expect(rowCount).toBe(1)
}

describe('a wrong key or a tampered row fails loudly', () => {
  it('rejects with DOC_ERR_DECRYPT when the key id maps to other key material', async () => {
    const ref = await aStoredDocument()
    const impostor = createDocumentStore({ pool: database.pool, keyring: keyringOf({ A: newKey() }, 'A') })
    await expect(impostor.get(ref.sha256)).rejects.toMatchObject({
      code: 'DOC_ERR_DECRYPT',
      statusCode: 500,
      retriable: false,
      message: expect.stringContaining("master key 'A'") as unknown,
    })
  })

  it('rejects with DOC_ERR_KEY_UNKNOWN when the keyring lacks the key id', async () => {
    const ref = await aStoredDocument()
    const other = createDocumentStore({ pool: database.pool, keyring: keyringOf({ B: keyB }, 'B') })
    await expect(other.get(ref.sha256)).rejects.toMatchObject({ code: 'DOC_ERR_KEY_UNKNOWN', retriable: false })
  })

  it('rejects with DOC_ERR_DECRYPT when a byte of the ciphertext is flipped', async () => {
    const ref = await aStoredDocument()
    await tamper(ref, 'ciphertext = set_byte(ciphertext, 100, get_byte(ciphertext, 100) # 1)')
    await expect(store.get(ref.sha256)).rejects.toMatchObject({ code: 'DOC_ERR_DECRYPT' })
  })

  it('rejects with DOC_ERR_DECRYPT when a byte of the nonce or the wrapped key is flipped', async () => {
    for (const column of ['nonce', 'wrapped_key']) {
      const ref = await aStoredDocument()
      await tamper(ref, `${column} = set_byte(${column}, 0, get_byte(${column}, 0) # 1)`)
      await expect(store.get(ref.sha256)).rejects.toMatchObject({ code: 'DOC_ERR_DECRYPT' })
    }
  })

  it("rejects with DOC_ERR_DECRYPT when another row's encrypted content is moved to this address", async () => {
    const [victim, donor] = [await aStoredDocument(), await aStoredDocument()]
    await tamper(
      victim,
      `(wrapped_key, nonce, ciphertext) = (SELECT wrapped_key, nonce, ciphertext FROM documents.documents WHERE sha256 = $2)`,
      Buffer.from(donor.sha256, 'hex'),
    )
    await expect(store.get(victim.sha256)).rejects.toMatchObject({ code: 'DOC_ERR_DECRYPT' })
    expect((await store.get(donor.sha256)).size).toBe(4000)
  })

  it('rejects with DOC_ERR_DECRYPT when the key id is switched to another key of the keyring', async () => {
    const ref = await aStoredDocument()
    await tamper(ref, "key_id = 'B'")
    await expect(store.get(ref.sha256)).rejects.toMatchObject({ code: 'DOC_ERR_DECRYPT' })
  })

  it('rejects with DOC_ERR_DECRYPT when the size and the ciphertext are shortened together', async () => {
    const content = randomBytes(4000)
    const ref = await store.put(content, 'application/xml')
    // Dropping a byte from the ciphertext and the size together passes the table's checks but not decryption.
    await tamper(ref, 'size = size - 1, ciphertext = substring(ciphertext from 2)')
    await expect(store.get(ref.sha256)).rejects.toMatchObject({ code: 'DOC_ERR_DECRYPT' })
  })

  it('refuses rows whose lengths the format excludes, at the database', async () => {
    const ref = await aStoredDocument()
    await expect(
      database.sql.query('UPDATE documents.documents SET size = size + 1 WHERE sha256 = $1', [
        Buffer.from(ref.sha256, 'hex'),
      ]),
    ).rejects.toMatchObject({ code: '23514' })
  })
})
