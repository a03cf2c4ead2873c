import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validSampleInvoice } from '@varco/testing'
import { generateApiKey } from '../src/domain/api-key.ts'
import {
  createIngestDatabase,
  createTenant,
  startApp,
  type IngestDatabase,
  type TestTenant,
} from './helpers/app-harness.ts'
import { postInvoice, type AcceptedBody } from './helpers/requests.ts'

let database: IngestDatabase
let app: FastifyInstance
let alice: TestTenant
let bob: TestTenant
let aliceInvoice: string

beforeAll(async () => {
  database = await createIngestDatabase()
  app = await startApp(database)
  alice = await createTenant(database.admin)
  // Bob holds the same transmitter (an intermediary transmitting for both): ids still belong to one tenant.
  bob = await createTenant(database.admin)
  const response = await postInvoice(app, alice, validSampleInvoice(), 'application/xml')
  aliceInvoice = response.json<AcceptedBody>().id
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

const xmlPost = (url: string) => ({
  method: 'POST' as const,
  url,
  payload: validSampleInvoice(),
  headers: { 'content-type': 'application/xml' },
})

function endpoints(id: string) {
  return [
    { method: 'GET' as const, url: `/v1/invoices/${id}`, headers: {} },
    { method: 'GET' as const, url: `/v1/invoices/${id}/files/original`, headers: {} },
    { method: 'GET' as const, url: `/v1/invoices/${id}/files/signed`, headers: {} },
    { method: 'GET' as const, url: '/v1/invoices', headers: {} },
    { method: 'GET' as const, url: `/v1/invoices?sdiFileName=x&transmitter=IT1`, headers: {} },
    xmlPost('/v1/invoices'),
    xmlPost('/v1/invoices/validate'),
    xmlPost(`/v1/invoices/${id}/resubmissions`),
  ]
}

const PROBLEM_KEYS = ['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']

describe('tenant isolation', () => {
  it("answers 404 for another tenant's invoice on every endpoint that takes an id, exactly as for no invoice", async () => {
    for (const request of endpoints(aliceInvoice).filter((r) => r.url.includes(aliceInvoice))) {
      const response = await app.inject({ ...request, headers: { ...request.headers, ...bob.auth } })
      expect(response.statusCode, request.url).toBe(404)
      expect(response.json(), request.url).toMatchObject({ code: 'INGEST_ERR_NOT_FOUND' })
      expect(Object.keys(response.json<object>()).sort()).toEqual(PROBLEM_KEYS)
      const missing = await app.inject({
        ...request,
        url: request.url.replace(aliceInvoice, '0193d0a8-8e4b-7a3c-9c1e-5b2f7d1e4a60'),
        headers: { ...request.headers, ...bob.auth },
      })
      expect(missing.json<{ detail: string }>().detail).toBe(response.json<{ detail: string }>().detail)
    }
  })

  it("never lists another tenant's invoices", async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/invoices', headers: bob.auth })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ items: [], nextCursor: null })
    const own = await app.inject({ method: 'GET', url: '/v1/invoices', headers: alice.auth })
    expect(own.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toEqual([aliceInvoice])
  })

  it('answers 401 and no data without a key, with a malformed, unknown or revoked one', async () => {
    const revoked = await createTenant(database.admin)
    await database.admin.revokeKey(revoked.keyId)
    const credentials: Array<[string, Record<string, string>]> = [
      ['none', {}],
      ['not bearer', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['malformed', { authorization: 'Bearer not-a-key' }],
      ['unknown', { authorization: `Bearer ${generateApiKey()}` }],
      ['revoked', revoked.auth],
    ]
    for (const [name, headers] of credentials) {
      for (const request of endpoints(aliceInvoice)) {
        const response = await app.inject({ ...request, headers: { ...request.headers, ...headers } })
        expect(response.statusCode, `${name} ${request.method} ${request.url}`).toBe(401)
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(response.headers['www-authenticate']).toBe('Bearer realm="varco"')
        expect(response.json<{ code: string }>().code).toBe(
          name === 'none' ? 'INGEST_ERR_AUTH_MISSING' : 'INGEST_ERR_AUTH_INVALID',
        )
        // A problem document and nothing else (its instance is the path the client sent).
        expect(Object.keys(response.json<object>()).sort()).toEqual(PROBLEM_KEYS)
      }
    }
  })

  it('a revoked key stops working at the next request', async () => {
    const carol = await createTenant(database.admin)
    const before = await app.inject({ method: 'GET', url: '/v1/invoices', headers: carol.auth })
    expect(before.statusCode).toBe(200)
    const revoked = await database.admin.revokeKey(carol.keyId)
    expect(revoked.revokedAt).not.toBeNull()
    const after = await app.inject({ method: 'GET', url: '/v1/invoices', headers: carol.auth })
    expect(after.statusCode).toBe(401)
  })
})
