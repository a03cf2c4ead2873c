import { randomBytes, randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoiceTransmitted } from '@varco/contracts'
import { createPool, migrateSchema } from '@varco/db'
import { parseKeyring } from '@varco/documents'
import { createLogger } from '@varco/observability'
import { createTestDatabase, type TestDatabase } from '@varco/testing'
import { inject } from 'vitest'
import { buildInternalApp } from '../../src/webhooks/api/app.ts'
import { webhookUseCases } from '../../src/webhooks/api/use-cases.ts'
import { onWebhookEvent } from '../../src/webhooks/delivery/on-event.ts'
import { webhookEventTypes } from '../../src/webhooks/domain/event-types.ts'
import { createSecretBox } from '../../src/webhooks/secret-box.ts'

// Every route of the internal API on real PostgreSQL, through inject(): what it answers, and the problem document
// for each kind of bad input. Deliveries are queued by the real consumer function (no Kafka needed for that).

const logger = createLogger({ name: 'test', level: 'silent' })
const TOKEN = randomBytes(32).toString('base64url')
const SCHEMA = 'receipts'
let db: TestDatabase
let pool: pg.Pool
let app: FastifyInstance
let wakes = 0

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({
    databaseUrl: db.url,
    schema: SCHEMA,
    dir: new URL('../../migrations', import.meta.url).pathname,
    logger,
  })
  pool = createPool({ connectionString: db.url, logger })
  const secrets = createSecretBox(parseKeyring(`k1:${randomBytes(32).toString('base64')}`, 'k1'))
  const useCases = webhookUseCases({
    pool,
    schema: SCHEMA,
    secrets,
    destinations: { allowHttp: false, allowPrivateNetworks: false },
    secretOverlapMs: 86_400_000,
    now: () => new Date(),
    wake: () => void wakes++,
  })
  app = await buildInternalApp({ useCases, token: TOKEN, logger })
})
afterAll(async () => {
  await app?.close()
  await pool?.end()
  await db?.drop()
})

type Json = Record<string, unknown>
async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as Json }),
  })
  return {
    status: response.statusCode,
    body: response.body === '' ? {} : response.json<Json>(),
    type: response.headers['content-type'],
    headers: response.headers,
  }
}
function expectProblem(response: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(response.type).toMatch(/^application\/problem\+json/)
  expect(response.body).toMatchObject({ status, code, type: `urn:varco:error:${code}` })
  expect(response.body.title).toBeTypeOf('string')
  expect(response.body.detail).toBeTypeOf('string')
}

const base = (tenantId: string) => `/internal/tenants/${tenantId}/webhooks`
async function create(tenantId: string, body: Json = {}) {
  const response = await call('POST', base(tenantId), { url: 'https://hooks.example.com/varco', ...body })
  expect(response.status).toBe(201)
  return response.body as Json & { id: string; secret: string }
}
async function queueEventFor(tenantId: string) {
  const event = invoiceTransmitted.create({
    source: 'transmission',
    tenantId,
    invoiceId: `inv-${randomUUID()}`,
    correlationId: 'c',
    data: {
      document: { sha256: 'b'.repeat(64), size: 1, mediaType: 'application/xml' },
      fileName: 'IT01234567890_00001.xml',
      identificativoSdI: '1',
      dataOraRicezione: new Date().toISOString(),
      attempts: 1,
    },
  })
  await onWebhookEvent(event, { pool, schema: SCHEMA, consumer: 'test', now: () => new Date(), wake: () => {} }, logger)
  return event
}

describe('the bearer token', () => {
  it.each([
    ['no header', {}],
    ['a wrong token', { authorization: `Bearer ${TOKEN}x` }],
    ['an empty token', { authorization: 'Bearer ' }],
    ['another scheme', { authorization: `Basic ${TOKEN}` }],
    ['the token without a scheme', { authorization: TOKEN }],
  ])('refuses %s with 401 on every route', async (_, headers) => {
    for (const [method, url] of [
      ['GET', '/internal/webhook-event-types'],
      ['GET', base('acme')],
      ['POST', base('acme')],
      ['DELETE', `${base('acme')}/${randomUUID()}`],
      ['GET', '/internal/nowhere'],
    ] as const) {
      const response = await app.inject({ method, url, headers: { ...headers } })
      expect(response.statusCode, `${method} ${url}`).toBe(401)
      expect(response.json()).toMatchObject({ code: 'RECEIPTS_ERR_INTERNAL_AUTH' })
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/)
    }
  })
})

describe('GET /internal/webhook-event-types', () => {
  it('lists every type a subscription may name', async () => {
    const response = await call('GET', '/internal/webhook-event-types')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ items: [...webhookEventTypes] })
    expect(response.body.items).toContain('invoice.incoming')
    expect(response.body.items).not.toContain('invoice.outcome_requested')
  })
})

describe('POST /webhooks', () => {
  it('creates a subscription and shows its secret once; the secret is sealed at rest', async () => {
    const created = await create('acme', { description: 'ERP', eventTypes: ['invoice.notification'] })
    expect(created).toMatchObject({
      url: 'https://hooks.example.com/varco',
      description: 'ERP',
      eventTypes: ['invoice.notification'],
      enabled: true,
    })
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(created.createdAt).toBe(created.updatedAt)
    const shown = await call('GET', `${base('acme')}/${created.id}`)
    expect(shown.body).not.toHaveProperty('secret')
    const { rows } = await pool.query<{ secret_sealed: Buffer; secret_key_id: string }>(
      `SELECT secret_sealed, secret_key_id FROM receipts.webhook_subscriptions WHERE id = $1`,
      [created.id],
    )
    expect(rows[0]!.secret_key_id).toBe('k1')
    expect(rows[0]!.secret_sealed.toString('latin1')).not.toContain(created.secret.slice(6, 20))
    expect(rows[0]!.secret_sealed.toString('base64')).not.toContain(created.secret.slice(6, 20))
  })

  it('defaults to every event type and removes repeated ones', async () => {
    expect((await create('acme')).eventTypes).toEqual([])
    const repeated = await create('acme', { eventTypes: ['invoice.incoming', 'invoice.incoming'] })
    expect(repeated.eventTypes).toEqual(['invoice.incoming'])
  })

  it.each([
    ['ftp://hooks.example.com/x', 'the scheme ftp: is not https:'],
    ['http://hooks.example.com/x', 'only https:// URLs are accepted'],
    ['https://user:secret@hooks.example.com/x', 'credentials in the URL are not accepted'],
    ['https://10.0.0.7/x', '10.0.0.7 is not a public address'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is not a public address'],
    ['https://localhost/x', 'localhost is not a public host'],
    ['not a url', 'not an absolute URL'],
  ])('refuses the URL %s with 422', async (url, reason) => {
    const response = await call('POST', base('acme'), { url })
    expectProblem(response, 422, 'RECEIPTS_ERR_WEBHOOK_URL_INVALID')
    expect(response.body.detail).toContain(reason)
  })

  it.each([['invoice.nope'], ['invoice.outcome_requested'], ['']])('refuses the event type %j', async (type) => {
    const response = await call('POST', base('acme'), { url: 'https://hooks.example.com/x', eventTypes: [type] })
    if (type === '') expectProblem(response, 400, 'RECEIPTS_ERR_BAD_REQUEST')
    else {
      expectProblem(response, 422, 'RECEIPTS_ERR_WEBHOOK_EVENT_TYPE')
      expect(response.body.detail).toContain(type)
    }
  })

  it.each([
    ['no url', {}],
    ['a url that is not a string', { url: 42 }],
    ['an unknown field', { url: 'https://hooks.example.com/x', secret: 'whsec_mine' }],
    ['event types that are not a list', { url: 'https://hooks.example.com/x', eventTypes: 'invoice.incoming' }],
    ['a description over 500 characters', { url: 'https://hooks.example.com/x', description: 'x'.repeat(501) }],
    ['a URL over 2048 characters', { url: `https://hooks.example.com/${'x'.repeat(2048)}` }],
  ])('refuses a body with %s with 400 and the issues', async (_, body) => {
    const response = await call('POST', base('acme'), body)
    expectProblem(response, 400, 'RECEIPTS_ERR_BAD_REQUEST')
    expect(response.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.any(String) as unknown })]),
    )
  })

  it('refuses malformed JSON, an empty body, another media type and a huge body', async () => {
    expectProblem(
      await call('POST', base('acme'), '{"url":', { 'content-type': 'application/json' }),
      400,
      'RECEIPTS_ERR_BAD_REQUEST',
    )
    expectProblem(
      await call('POST', base('acme'), '', { 'content-type': 'application/json' }),
      400,
      'RECEIPTS_ERR_BAD_REQUEST',
    )
    expectProblem(
      await call('POST', base('acme'), 'url=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'RECEIPTS_ERR_UNSUPPORTED_MEDIA_TYPE',
    )
    const huge = JSON.stringify({ url: 'https://hooks.example.com/x', description: 'x'.repeat(70_000) })
    expectProblem(
      await call('POST', base('acme'), huge, { 'content-type': 'application/json' }),
      413,
      'RECEIPTS_ERR_TOO_LARGE',
    )
  })

  it('refuses a tenant id outside its pattern', async () => {
    for (const tenant of ['ACME', '-acme', 'a'.repeat(101), 'ac%20me']) {
      expectProblem(await call('GET', base(tenant)), 400, 'RECEIPTS_ERR_BAD_REQUEST')
    }
  })
})

describe('GET /webhooks', () => {
  it("pages through a tenant's subscriptions, oldest first, and only its own", async () => {
    const tenant = `list-${randomUUID().slice(0, 8)}`
    const made = [await create(tenant), await create(tenant), await create(tenant)]
    await create(`${tenant}-other`)
    const first = await call('GET', `${base(tenant)}?limit=2`)
    expect(first.status).toBe(200)
    expect((first.body.items as Json[]).map((s) => s.id)).toEqual([made[0]!.id, made[1]!.id])
    expect(first.body.nextCursor).toBeTypeOf('string')
    const second = await call('GET', `${base(tenant)}?limit=2&cursor=${first.body.nextCursor as string}`)
    expect((second.body.items as Json[]).map((s) => s.id)).toEqual([made[2]!.id])
    expect(second.body).not.toHaveProperty('nextCursor')
    const all = await call('GET', base(tenant))
    expect(all.body.items).toHaveLength(3)
    expect((all.body.items as Json[]).every((s) => !('secret' in s))).toBe(true)
  })

  it('refuses a bad limit, a forged cursor and unknown parameters', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=two', 'colour=red']) {
      expectProblem(await call('GET', `${base('acme')}?${query}`), 400, 'RECEIPTS_ERR_BAD_REQUEST')
    }
    expectProblem(await call('GET', `${base('acme')}?cursor=forged`), 400, 'RECEIPTS_ERR_CURSOR_INVALID')
  })
})

describe('GET, PATCH, DELETE /webhooks/{id}', () => {
  it('shows one subscription; an unknown or malformed id is a problem', async () => {
    const created = await create('acme')
    expect((await call('GET', `${base('acme')}/${created.id}`)).body).toMatchObject({ id: created.id })
    expectProblem(await call('GET', `${base('acme')}/${randomUUID()}`), 404, 'RECEIPTS_ERR_WEBHOOK_NOT_FOUND')
    expectProblem(await call('GET', `${base('acme')}/not-a-uuid`), 400, 'RECEIPTS_ERR_BAD_REQUEST')
  })

  it('changes url, description and event types, and checks them as creation does', async () => {
    const created = await create('acme')
    const url = `${base('acme')}/${created.id}`
    const patched = await call('PATCH', url, {
      url: 'https://other.example.com/in',
      description: 'new',
      eventTypes: ['invoice.incoming'],
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      url: 'https://other.example.com/in',
      description: 'new',
      eventTypes: ['invoice.incoming'],
    })
    expect(Date.parse(patched.body.updatedAt as string)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt as string))
    expectProblem(
      await call('PATCH', url, { url: 'http://other.example.com' }),
      422,
      'RECEIPTS_ERR_WEBHOOK_URL_INVALID',
    )
    expectProblem(await call('PATCH', url, { eventTypes: ['nope.nope'] }), 422, 'RECEIPTS_ERR_WEBHOOK_EVENT_TYPE')
    expectProblem(await call('PATCH', url, {}), 400, 'RECEIPTS_ERR_BAD_REQUEST')
    expectProblem(await call('PATCH', url, { enabled: 'yes' }), 400, 'RECEIPTS_ERR_BAD_REQUEST')
    expectProblem(await call('PATCH', url, { id: randomUUID() }), 400, 'RECEIPTS_ERR_BAD_REQUEST')
    expectProblem(
      await call('PATCH', `${base('acme')}/${randomUUID()}`, { enabled: true }),
      404,
      'RECEIPTS_ERR_WEBHOOK_NOT_FOUND',
    )
    // What failed validation changed nothing.
    expect((await call('GET', url)).body).toMatchObject({
      url: 'https://other.example.com/in',
      eventTypes: ['invoice.incoming'],
    })
  })

  it('disables and re-enables through the API, saying when and why; re-enabling wakes the workers', async () => {
    const created = await create('acme')
    const url = `${base('acme')}/${created.id}`
    const disabled = await call('PATCH', url, { enabled: false })
    expect(disabled.body).toMatchObject({ enabled: false, disabledReason: 'disabled through the API' })
    expect(disabled.body.disabledAt).toBeTypeOf('string')
    const before = wakes
    const enabled = await call('PATCH', url, { enabled: true })
    expect(enabled.body).toMatchObject({ enabled: true })
    expect(enabled.body).not.toHaveProperty('disabledAt')
    expect(enabled.body).not.toHaveProperty('disabledReason')
    expect(wakes).toBe(before + 1)
  })

  it('deletes a subscription with its pending deliveries; a second delete is a 404', async () => {
    const created = await create('del')
    await queueEventFor('del')
    const count = async () =>
      (await pool.query('SELECT 1 FROM receipts.webhook_deliveries WHERE subscription_id = $1', [created.id])).rowCount
    expect(await count()).toBe(1)
    const deleted = await call('DELETE', `${base('del')}/${created.id}`)
    expect(deleted.status).toBe(204)
    expect(await count()).toBe(0)
    expectProblem(await call('GET', `${base('del')}/${created.id}`), 404, 'RECEIPTS_ERR_WEBHOOK_NOT_FOUND')
    expectProblem(await call('DELETE', `${base('del')}/${created.id}`), 404, 'RECEIPTS_ERR_WEBHOOK_NOT_FOUND')
  })
})

describe('POST /webhooks/{id}/secret', () => {
  it('rotates: a new secret, the previous one signing for 24 h more', async () => {
    const created = await create('acme')
    const rotated = await call('POST', `${base('acme')}/${created.id}/secret`)
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(created.secret)
    const overlap = Date.parse(rotated.body.previousSecretExpiresAt as string) - Date.now()
    expect(overlap).toBeGreaterThan(86_400_000 - 60_000)
    expect(overlap).toBeLessThanOrEqual(86_400_000)
    expectProblem(await call('POST', `${base('acme')}/${randomUUID()}/secret`), 404, 'RECEIPTS_ERR_WEBHOOK_NOT_FOUND')
  })
})

describe('deliveries', () => {
  it('lists, filters and shows deliveries with their attempt log; replays one under the same webhook-id', async () => {
    const tenant = `dl-${randomUUID().slice(0, 8)}`
    const created = await create(tenant)
    const other = await create(tenant, { eventTypes: ['invoice.incoming'] })
    const events = [await queueEventFor(tenant), await queueEventFor(tenant)]
    const list = await call('GET', `${base(tenant)}/${created.id}/deliveries`)
    expect(list.status).toBe(200)
    const items = list.body.items as Array<Json & { id: string; webhookId: string }>
    // Newest first; one per event; nothing for the subscription that does not listen to invoice.transmitted.
    expect(items.map((d) => d.eventId)).toEqual([events[1]!.id, events[0]!.id])
    expect(items[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
      eventType: 'invoice.transmitted',
      invoiceId: events[1]!.invoiceId,
    })
    expect(items[0]!.webhookId).toBe(`msg_${events[1]!.id.replaceAll('-', '')}`)
    expect((await call('GET', `${base(tenant)}/${other.id}/deliveries`)).body.items).toEqual([])

    expect((await call('GET', `${base(tenant)}/${created.id}/deliveries?status=pending&limit=1`)).body).toMatchObject({
      items: [expect.objectContaining({ id: items[0]!.id })],
      nextCursor: expect.any(String) as unknown,
    })
    expect((await call('GET', `${base(tenant)}/${created.id}/deliveries?status=delivered`)).body.items).toEqual([])
    expectProblem(
      await call('GET', `${base(tenant)}/${created.id}/deliveries?status=lost`),
      400,
      'RECEIPTS_ERR_BAD_REQUEST',
    )
    expectProblem(
      await call('GET', `${base(tenant)}/${randomUUID()}/deliveries`),
      404,
      'RECEIPTS_ERR_WEBHOOK_NOT_FOUND',
    )

    const detail = await call('GET', `${base(tenant)}/${created.id}/deliveries/${items[0]!.id}`)
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({ id: items[0]!.id, attemptLog: [] })
    expectProblem(
      await call('GET', `${base(tenant)}/${created.id}/deliveries/${randomUUID()}`),
      404,
      'RECEIPTS_ERR_DELIVERY_NOT_FOUND',
    )
    expectProblem(await call('GET', `${base(tenant)}/${created.id}/deliveries/nope`), 400, 'RECEIPTS_ERR_BAD_REQUEST')

    const before = wakes
    const replayed = await call('POST', `${base(tenant)}/${created.id}/deliveries/${items[1]!.id}/replay`)
    expect(replayed.status).toBe(202)
    expect(replayed.body).toMatchObject({
      webhookId: items[1]!.webhookId,
      eventId: events[0]!.id,
      status: 'pending',
      attempts: 0,
    })
    expect(replayed.body.id).not.toBe(items[1]!.id)
    expect(wakes).toBe(before + 1)
    expectProblem(
      await call('POST', `${base(tenant)}/${created.id}/deliveries/${randomUUID()}/replay`),
      404,
      'RECEIPTS_ERR_DELIVERY_NOT_FOUND',
    )
  })
})

describe('anything else', () => {
  it('is a 404 problem naming the route', async () => {
    const response = await call('GET', '/internal/tenants/acme/hooks')
    expectProblem(response, 404, 'RECEIPTS_ERR_ROUTE_NOT_FOUND')
    expect(response.body.detail).toContain('GET /internal/tenants/acme/hooks')
  })
})
