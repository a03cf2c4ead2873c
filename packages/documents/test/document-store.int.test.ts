import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTransaction } from '@varco/db'
import { createDocumentStore, type DocumentStore } from '../src/document-store.ts'
import { setUpDocumentsDatabase, type DocumentsDatabase } from './database.ts'
import { keyringOf, newKey } from './keys.ts'

let database: DocumentsDatabase
let store: DocumentStore

beforeAll(async () => {
  database = await setUpDocumentsDatabase()
  store = createDocumentStore({ pool: database.pool, keyring: keyringOf({ A: newKey() }, 'A') })
})

afterAll(async () => {
  await database?.close()
})

function anInvoice(marker: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<p:FatturaElettronica versione="FPR12">` +
      `<Causale>${marker}</Causale>${'<Linea>Consulenza</Linea>'.repeat(200)}</p:FatturaElettronica>`,
  )
}

async function rowsAt(sha256: string): Promise<Record<string, unknown>[]> {
  const { rows } = await database.sql.query<Record<string, unknown>>(
    'SELECT * FROM documents.documents WHERE sha256 = $1',
    [Buffer.from(sha256, 'hex')],
  )
  return rows
}

describe('documents at rest', () => {
  it('a row read straight from PostgreSQL holds no plaintext', async () => {
    const marker = `MARKER-${randomUUID()}`
    const content = anInvoice(marker)
    const ref = await store.put(content, 'application/xml')

    const rows = await rowsAt(ref.sha256)
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    for (const [column, value] of Object.entries(row)) {
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value))
      expect(bytes.includes(marker), column).toBe(false)
      expect(bytes.toString('latin1').includes(marker), column).toBe(false)
    }
    // The whole table, as text, as pg_dump would write it.
    const { rows: dump } = await database.sql.query<{ line: string }>(
      'SELECT d::text AS line FROM documents.documents d',
    )
    expect(dump.some(({ line }) => line.includes(marker) || line.includes('Consulenza'))).toBe(false)
    expect((row.sha256 as Buffer).equals(createHash('sha256').update(content).digest())).toBe(true)
    expect(row.key_id).toBe('A')
    expect(Number(row.size)).toBe(content.length)
  })
})

describe('content addressing', () => {
  it('stores the same bytes once and returns the same reference', async () => {
    const content = anInvoice(`MARKER-${randomUUID()}`)
    const first = await store.put(content, 'application/xml')
    const second = await store.put(Buffer.from(content), 'application/xml')
    expect(second).toEqual(first)
    expect(first).toEqual({
      sha256: createHash('sha256').update(content).digest('hex'),
      size: content.length,
      mediaType: 'application/xml',
    })
    expect(await rowsAt(first.sha256)).toHaveLength(1)
  })

  it('keeps the first media type of the same bytes, and says so in the reference', async () => {
    const content = randomBytes(100)
    await store.put(content, 'application/xml')
    const again = await store.put(content, 'application/octet-stream')
    expect(again.mediaType).toBe('application/xml')
    expect((await store.get(again.sha256)).mediaType).toBe('application/xml')
  })

  it('lets concurrent writers of the same bytes all succeed, with one row', async () => {
    const content = randomBytes(2000)
    const refs = await Promise.all(Array.from({ length: 8 }, () => store.put(content, 'application/xml')))
    expect(new Set(refs.map((ref) => JSON.stringify(ref))).size).toBe(1)
    expect(await rowsAt(refs[0]!.sha256)).toHaveLength(1)
  })

  it.each([
    ['commits', 'COMMIT', 'text/first'],
    ['rolls back', 'ROLLBACK', 'text/second'],
  ])('waits for an open writer of the same bytes, whose row counts if it %s', async (_, end, expected) => {
    const content = randomBytes(2000)
    const first = await database.pool.connect()
    try {
      await first.query('BEGIN')
      await store.put(content, 'text/first', first)
      const second = store.put(content, 'text/second')
      await first.query(end)
      expect((await second).mediaType).toBe(expected)
    } finally {
      first.release()
    }
    expect(await rowsAt(createHash('sha256').update(content).digest('hex'))).toHaveLength(1)
  })

  it('returns byte-identical content, a 5 MB document and an empty one included', async () => {
    for (const content of [randomBytes(5 * 1024 * 1024), Buffer.alloc(0), anInvoice('small')]) {
      const ref = await store.put(content, 'application/pkcs7-mime')
      const stored = await store.get(ref.sha256)
      expect(stored.bytes.equals(content)).toBe(true)
      expect(stored.size).toBe(content.length)
      expect(stored.mediaType).toBe('application/pkcs7-mime')
    }
  })

  it('accepts any Uint8Array, not only Buffers', async () => {
    const content = new Uint8Array(randomBytes(300))
    const ref = await store.put(content, 'application/octet-stream')
    expect((await store.get(ref.sha256)).bytes.equals(content)).toBe(true)
  })

  it('tells whether a document is stored', async () => {
    const ref = await store.put(randomBytes(10), 'text/plain')
    expect(await store.has(ref.sha256)).toBe(true)
    expect(await store.has(createHash('sha256').update(randomUUID()).digest('hex'))).toBe(false)
  })
})

describe('refusals', () => {
  it('refuses content over the limit with DOC_ERR_TOO_LARGE (413), storing nothing', async () => {
    const content = randomBytes(10 * 1024 * 1024 + 1)
    await expect(store.put(content, 'application/xml')).rejects.toMatchObject({
      code: 'DOC_ERR_TOO_LARGE',
      statusCode: 413,
    })
    expect(await store.has(createHash('sha256').update(content).digest('hex'))).toBe(false)
    const small = createDocumentStore({ pool: database.pool, keyring: keyringOf({ A: newKey() }, 'A'), maxBytes: 10 })
    await expect(small.put(randomBytes(11), 'text/plain')).rejects.toMatchObject({ code: 'DOC_ERR_TOO_LARGE' })
    expect((await small.put(randomBytes(10), 'text/plain')).size).toBe(10)
  })

  it('refuses a malformed address with DOC_ERR_BAD_REF (400)', async () => {
    const upper = 'AB'.repeat(32)
    await expect(store.get(upper)).rejects.toMatchObject({ code: 'DOC_ERR_BAD_REF', statusCode: 400 })
    await expect(store.has('not-a-hash')).rejects.toMatchObject({ code: 'DOC_ERR_BAD_REF' })
  })

  it('reports a missing document with DOC_ERR_NOT_FOUND (404)', async () => {
    const absent = createHash('sha256').update(randomUUID()).digest('hex')
    await expect(store.get(absent)).rejects.toMatchObject({ code: 'DOC_ERR_NOT_FOUND', statusCode: 404 })
  })

  it('refuses an empty or overlong media type with DOC_ERR_BAD_MEDIA_TYPE (400)', async () => {
    for (const mediaType of ['', 'x'.repeat(201)]) {
      await expect(store.put(randomBytes(4), mediaType)).rejects.toMatchObject({ code: 'DOC_ERR_BAD_MEDIA_TYPE' })
    }
  })

  it('refuses a limit that is not a positive integer with DOC_ERR_OPTION', () => {
    expect(() =>
      createDocumentStore({ pool: database.pool, keyring: keyringOf({ A: newKey() }, 'A'), maxBytes: 0 }),
    ).toThrow(expect.objectContaining({ code: 'DOC_ERR_OPTION' }))
  })
})

describe("the caller's transaction", () => {
  it('leaves no row when it rolls back', async () => {
    const content = randomBytes(1000)
    const failure = new Error('invoice row rejected')
    let sha256 = ''
    await expect(
      withTransaction(database.pool, async (tx) => {
        sha256 = (await store.put(content, 'application/xml', tx)).sha256
        expect(await store.has(sha256, tx)).toBe(true)
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(await store.has(sha256)).toBe(false)
    expect(await rowsAt(sha256)).toHaveLength(0)
  })

  it('keeps the row when it commits', async () => {
    const content = randomBytes(1000)
    const ref = await withTransaction(database.pool, (tx) => store.put(content, 'application/xml', tx))
    expect((await store.get(ref.sha256)).bytes.equals(content)).toBe(true)
  })
})
