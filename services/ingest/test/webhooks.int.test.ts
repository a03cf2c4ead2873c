import { createServer } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { receiptsWebhooks } from '../src/adapters/http/receipts-webhooks.ts'
import {
  createIngestDatabase,
  createTenant,
  startApp,
  type IngestDatabase,
  type TestTenant,
} from './helpers/app-harness.ts'
import {
  EVENT_TYPES,
  startFakeReceipts,
  startFixedServer,
  startSilentServer,
  type FakeReceipts,
} from './helpers/fake-receipts.ts'

// The /v1/webhooks proxy against a real HTTP server speaking the receipts service's internal API (a stand-in
// written for these tests: the end-to-end test with the real receipts service comes after both are merged).

let database: IngestDatabase
let receipts: FakeReceipts
let app: FastifyInstance
let alice: TestTenant
let bob: TestTenant

beforeAll(async () => {
  database = await createIngestDatabase()
  receipts = await startFakeReceipts()
  app = await startApp(database, {
    webhooks: receiptsWebhooks({ baseUrl: receipts.url, token: receipts.token, timeoutMs: 2_000 }),
  })
  alice = await createTenant(database.admin)
  bob = await createTenant(database.admin)
})

afterAll(async () => {
  await app?.close()
  await receipts?.close()
  await database?.close()
})

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
const call = (tenant: TestTenant, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, headers: tenant.auth, ...(payload === undefined ? {} : { payload }) })

interface Created {
  id: string
  secret: string
  url: string
}

async function subscribe(
  tenant: TestTenant,
  body: object = { url: 'https://erp.example.com/hooks' },
): Promise<Created> {
  const response = await call(tenant, 'POST', '/v1/webhooks', body)
  expect(response.statusCode, response.body).toBe(201)
  return response.json<Created>()
}

describe('/v1/webhooks, proxied to the receipts service', () => {
  it("creates, reads, lists, changes, rotates and deletes a subscription under the key's tenant", async () => {
    const created = await subscribe(alice, {
      url: 'https://erp.example.com/hooks',
      description: 'ERP',
      eventTypes: ['invoice.incoming'],
    })
    expect(created).toMatchObject({
      url: 'https://erp.example.com/hooks',
      eventTypes: ['invoice.incoming'],
      enabled: true,
    })
    expect(created.secret).toMatch(/^whsec_/)
    expect(created).not.toHaveProperty('internalNote')
    const sent = receipts.requests.at(-1)!
    expect(sent).toMatchObject({
      method: 'POST',
      path: `/internal/tenants/${alice.id}/webhooks`,
      authorization: `Bearer ${receipts.token}`,
      body: { url: 'https://erp.example.com/hooks', description: 'ERP', eventTypes: ['invoice.incoming'] },
    })

    const read = await call(alice, 'GET', `/v1/webhooks/${created.id}`)
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({ id: created.id, description: 'ERP' })
    expect(read.json()).not.toHaveProperty('secret')
    expect(read.json()).not.toHaveProperty('internalNote')

    await subscribe(alice)
    const page = await call(alice, 'GET', '/v1/webhooks?limit=1')
    expect(page.statusCode).toBe(200)
    expect(receipts.requests.at(-1)).toMatchObject({ query: { limit: '1' } })
    const { items, nextCursor } = page.json<{ items: unknown[]; nextCursor: string }>()
    expect(items).toHaveLength(1)
    const next = await call(alice, 'GET', `/v1/webhooks?limit=1&cursor=${nextCursor}`)
    expect(next.json<{ items: unknown[] }>().items).toHaveLength(1)

    const patched = await call(alice, 'PATCH', `/v1/webhooks/${created.id}`, { enabled: false, eventTypes: [] })
    expect(patched.statusCode).toBe(200)
    expect(patched.json()).toMatchObject({ enabled: false, eventTypes: [] })

    const rotated = await call(alice, 'POST', `/v1/webhooks/${created.id}/secret`)
    expect(rotated.statusCode).toBe(200)
    expect(rotated.json<{ secret: string }>().secret).not.toBe(created.secret)

    const deleted = await call(alice, 'DELETE', `/v1/webhooks/${created.id}`)
    expect(deleted.statusCode).toBe(204)
    expect(deleted.body).toBe('')
    const gone = await call(alice, 'GET', `/v1/webhooks/${created.id}`)
    expect(gone.statusCode).toBe(404)
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(gone.json()).toMatchObject({
      status: 404,
      code: 'RECEIPTS_ERR_WEBHOOK_NOT_FOUND',
      instance: `/v1/webhooks/${created.id}`,
      requestId: expect.any(String) as unknown,
    })
  })

  it('lists deliveries by status, shows the attempt log and replays one', async () => {
    const created = await subscribe(alice)
    const failed = await call(alice, 'GET', `/v1/webhooks/${created.id}/deliveries?status=failed`)
    expect(failed.statusCode).toBe(200)
    expect(receipts.requests.at(-1)).toMatchObject({ query: { status: 'failed' } })
    const [delivery] = failed.json<{ items: Array<{ id: string; webhookId: string }> }>().items
    expect((await call(alice, 'GET', `/v1/webhooks/${created.id}/deliveries?status=delivered`)).json()).toEqual({
      items: [],
    })

    const detail = await call(alice, 'GET', `/v1/webhooks/${created.id}/deliveries/${delivery!.id}`)
    expect(detail.json()).toMatchObject({ id: delivery!.id, attemptLog: [{ responseStatus: 500 }] })

    const replay = await call(alice, 'POST', `/v1/webhooks/${created.id}/deliveries/${delivery!.id}/replay`)
    expect(replay.statusCode).toBe(202)
    expect(replay.json()).toMatchObject({ webhookId: delivery!.webhookId, status: 'pending', attempts: 0 })
    expect(replay.json<{ id: string }>().id).not.toBe(delivery!.id)
  })

  it('serves the event types, and passes the receipts service refusals through (422)', async () => {
    expect((await call(alice, 'GET', '/v1/webhook-event-types')).json()).toEqual({ items: EVENT_TYPES })
    const refused = await call(alice, 'POST', '/v1/webhooks', {
      url: 'https://x.example',
      eventTypes: ['invoice.bogus'],
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'RECEIPTS_ERR_EVENT_TYPE', status: 422 })
  })

  it('checks input before forwarding it: bad ids, bodies and queries never reach the receipts service', async () => {
    const before = receipts.requests.length
    const bad = [
      call(alice, 'GET', '/v1/webhooks/..%2F..%2Fwebhook-event-types'),
      call(alice, 'GET', '/v1/webhooks/not-a-uuid/deliveries'),
      call(alice, 'POST', '/v1/webhooks', { url: 'not a url' }),
      call(alice, 'POST', '/v1/webhooks', { url: 'https://x.example', extra: true }),
      call(alice, 'PATCH', '/v1/webhooks/5f0c2b1e-3d4a-4b6c-8e9f-0a1b2c3d4e5f', {}),
      call(alice, 'GET', '/v1/webhooks?limit=1000'),
      call(alice, 'GET', '/v1/webhooks/5f0c2b1e-3d4a-4b6c-8e9f-0a1b2c3d4e5f/deliveries?status=lost'),
    ]
    for (const response of await Promise.all(bad)) {
      expect(response.statusCode, response.body).toBe(400)
      expect(response.json()).toMatchObject({ code: 'INGEST_ERR_BAD_REQUEST' })
    }
    expect(receipts.requests.length).toBe(before)
    expect((await app.inject({ method: 'GET', url: '/v1/webhooks' })).statusCode).toBe(401)
  })

  it("keeps tenants apart: B never sees, changes or deletes A's subscriptions", async () => {
    const created = await subscribe(alice)
    for (const [method, url, body] of [
      ['GET', `/v1/webhooks/${created.id}`],
      ['PATCH', `/v1/webhooks/${created.id}`, { enabled: false }],
      ['DELETE', `/v1/webhooks/${created.id}`],
      ['POST', `/v1/webhooks/${created.id}/secret`],
      ['GET', `/v1/webhooks/${created.id}/deliveries`],
    ] as const) {
      const response = await call(bob, method, url, body)
      expect(response.statusCode, `${method} ${url}`).toBe(404)
      expect(receipts.requests.at(-1)!.path).toMatch(new RegExp(`^/internal/tenants/${bob.id}/webhooks`))
    }
    const listed = await call(bob, 'GET', '/v1/webhooks')
    expect(listed.json<{ items: Array<{ id: string }> }>().items.map((s) => s.id)).not.toContain(created.id)
    expect((await call(alice, 'GET', `/v1/webhooks/${created.id}`)).json()).toMatchObject({ enabled: true })
  })
})

describe('/v1/webhooks when the receipts service is not there', () => {
  async function appWith(baseUrl: string | undefined, token = 'a-token-of-sixteen', timeoutMs = 2_000) {
    const other = await startApp(database, {
      webhooks: baseUrl === undefined ? undefined : receiptsWebhooks({ baseUrl, token, timeoutMs }),
    })
    onTestFinished(() => other.close())
    return other
  }
  const list = (instance: FastifyInstance) =>
    instance.inject({ method: 'GET', url: '/v1/webhooks', headers: alice.auth })

  it('answers 503 saying webhooks are not configured', async () => {
    const response = await list(await appWith(undefined))
    expect(response.statusCode).toBe(503)
    expect(response.headers['retry-after']).toBeDefined()
    expect(response.json()).toMatchObject({ code: 'INGEST_ERR_WEBHOOKS_NOT_CONFIGURED' })
  })

  it('answers 502 when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer()
      server.listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number }
        server.close(() => resolve(free))
      })
    })
    const response = await list(await appWith(`http://127.0.0.1:${port}`))
    expect(response.statusCode).toBe(502)
    expect(response.json()).toMatchObject({
      code: 'INGEST_ERR_WEBHOOKS_UNREACHABLE',
      detail: expect.stringContaining('ECONNREFUSED') as unknown,
    })
  })

  it('answers 503 within the timeout when the receipts service never answers', async () => {
    const silent = await startSilentServer()
    onTestFinished(() => silent.close())
    const instance = await appWith(silent.url, 'a-token-of-sixteen', 300)
    const started = Date.now()
    const response = await list(instance)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({ code: 'INGEST_ERR_WEBHOOKS_TIMEOUT' })
  })

  it('answers 502 for its failures, a token it refuses, or an answer that is not JSON; never the vendor’s 401', async () => {
    const wrongToken = await list(await appWith(receipts.url, 'not-the-right-token'))
    expect(wrongToken.statusCode).toBe(502)
    expect(wrongToken.json()).toMatchObject({
      code: 'INGEST_ERR_WEBHOOKS_BAD_RESPONSE',
      detail: expect.stringContaining('401') as unknown,
    })
    for (const [status, body, type] of [
      [500, '{"title":"boom"}', 'application/problem+json'],
      [200, '<html>', 'text/html'],
      [200, '"a string"', 'application/json'],
      [201, '{"items":[]}', 'application/json'],
    ] as const) {
      const server = await startFixedServer(status, body, type)
      onTestFinished(() => server.close())
      const response = await list(await appWith(server.url))
      expect(response.statusCode, `${status} ${body}`).toBe(502)
      expect(response.json()).toMatchObject({ code: 'INGEST_ERR_WEBHOOKS_BAD_RESPONSE' })
    }
  })
})
