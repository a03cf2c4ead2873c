import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validSampleInvoice } from '@varco/testing'
import { purgeIdempotencyKeys } from '../src/adapters/pg/idempotency-repository.ts'
import {
  createIngestDatabase,
  createTenant,
  startApp,
  type IngestDatabase,
  type TestTenant,
} from './helpers/app-harness.ts'
import { count, postInvoice, type AcceptedBody } from './helpers/requests.ts'

let database: IngestDatabase
let app: FastifyInstance
let tenant: TestTenant

beforeAll(async () => {
  database = await createIngestDatabase()
  app = await startApp(database)
  tenant = await createTenant(database.admin)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

const withKey = (key: string, body = validSampleInvoice(), who = tenant) =>
  postInvoice(app, who, body, 'application/xml', '', { 'idempotency-key': key })

describe('Idempotency-Key', () => {
  it('50 parallel POSTs with one key create one invoice and one outbox event, and all get its response', async () => {
    const key = `parallel-${Date.now()}`
    const responses = await Promise.all(Array.from({ length: 50 }, () => withKey(key)))
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(202))
    const ids = new Set(responses.map((r) => r.json<AcceptedBody>().id))
    expect(ids.size).toBe(1)
    const [id] = [...ids]
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49)
    expect(await count(database.pool, 'ingest.invoices', 'id = $1', [id])).toBe(1)
    expect(await count(database.pool, 'ingest.invoices', 'tenant_id = $1', [tenant.id])).toBe(1)
    expect(await count(database.pool, 'ingest.outbox', 'message_key = $1', [id])).toBe(1)
    expect(await count(database.pool, 'documents.documents')).toBe(1)
  })

  it('replays the first response for the same body, and answers 409 for another body', async () => {
    const first = await withKey('order-1')
    const again = await withKey('order-1')
    expect(again.statusCode).toBe(202)
    expect(again.json()).toEqual(first.json())
    expect(again.headers['idempotent-replayed']).toBe('true')

    const other = await withKey('order-1', validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>124</Numero>'))
    expect(other.statusCode).toBe(409)
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(other.json()).toMatchObject({ code: 'INGEST_ERR_IDEMPOTENCY_CONFLICT', status: 409 })
    const options = await postInvoice(app, tenant, validSampleInvoice(), 'application/xml', 'validate=sync', {
      'idempotency-key': 'order-1',
    })
    expect(options.statusCode).toBe(409)
  })

  it("is the tenant's own: another tenant's same key is another request", async () => {
    const other = await createTenant(database.admin)
    const mine = await withKey('shared-key')
    const theirs = await withKey('shared-key', validSampleInvoice(), other)
    expect(theirs.statusCode).toBe(202)
    expect(theirs.json<AcceptedBody>().id).not.toBe(mine.json<AcceptedBody>().id)
  })

  it('stores nothing for a refused request: the key stays free for the corrected one', async () => {
    const broken = validSampleInvoice().replace('<Divisa>EUR</Divisa>', '<Divisa>EURO</Divisa>')
    const refused = await postInvoice(app, tenant, broken, 'application/xml', 'validate=sync', {
      'idempotency-key': 'retry-me',
    })
    expect(refused.statusCode).toBe(422)
    const accepted = await postInvoice(app, tenant, validSampleInvoice(), 'application/xml', 'validate=sync', {
      'idempotency-key': 'retry-me',
    })
    expect(accepted.statusCode).toBe(202)
  })

  it('refuses a malformed key', async () => {
    const response = await withKey('has spaces')
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'INGEST_ERR_IDEMPOTENCY_KEY_INVALID' })
  })

  it('forgets a key after the retention: an older key names a new request, and the purge deletes old keys', async () => {
    const first = await withKey('expiring-1')
    await database.pool.query(
      `UPDATE ingest.idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'expiring-1'`,
    )
    const body = validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>EXP-2</Numero>')
    const later = await withKey('expiring-1', body)
    expect(later.statusCode).toBe(202)
    expect(later.headers['idempotent-replayed']).toBeUndefined()
    expect(later.json<AcceptedBody>().id).not.toBe(first.json<AcceptedBody>().id)

    await withKey('expiring-2')
    await database.pool.query(
      `UPDATE ingest.idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'expiring-2'`,
    )
    const purged = await purgeIdempotencyKeys(database.pool, new Date(Date.now() - 86_400_000), 1)
    expect(purged).toBe(1)
    expect(await count(database.pool, 'ingest.idempotency_keys', "key = 'expiring-2'")).toBe(0)
    expect(await count(database.pool, 'ingest.idempotency_keys', "key = 'expiring-1'")).toBe(1)
  })
})
