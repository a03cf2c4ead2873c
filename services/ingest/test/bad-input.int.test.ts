import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validSampleInvoice } from '@varco/testing'
import { exampleInvoiceJson } from '../src/routes/invoices/examples.ts'
import {
  createIngestDatabase,
  createTenant,
  startApp,
  type IngestDatabase,
  type TestTenant,
} from './helpers/app-harness.ts'
import { postInvoice } from './helpers/requests.ts'

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

const sample = validSampleInvoice()
const withoutDeclaration = sample.replace(/^<\?xml[^>]*>\s*/, '')

async function expectProblem(
  response: Awaited<ReturnType<typeof postInvoice>>,
  status: number,
  code: string,
): Promise<void> {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(response.json()).toMatchObject({
    type: `urn:varco:error:${code}`,
    status,
    code,
    title: expect.any(String) as unknown,
  })
}

describe('every bad input class gets its problem document', () => {
  it.each([
    ['not XML', 'hello', 'INGEST_ERR_MALFORMED_XML'],
    ['truncated XML', sample.slice(0, sample.length / 2), 'INGEST_ERR_MALFORMED_XML'],
    ['XML of another kind', '<?xml version="1.0"?><order><id>1</id></order>', 'INGEST_ERR_MALFORMED_XML'],
    ['an unknown encoding', '<?xml version="1.0" encoding="EBCDIC"?><a/>', 'INGEST_ERR_MALFORMED_XML'],
    [
      'entity expansion (billion laughs)',
      `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>${withoutDeclaration}`,
      'INGEST_ERR_XML_DOCTYPE',
    ],
    [
      'an external entity (XXE)',
      `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>${withoutDeclaration.replace('ABC1234', '&x;')}`,
      'INGEST_ERR_XML_DOCTYPE',
    ],
    [
      'an external DTD',
      `<?xml version="1.0"?><!DOCTYPE p SYSTEM "http://127.0.0.1:1/x.dtd">${withoutDeclaration}`,
      'INGEST_ERR_XML_DOCTYPE',
    ],
  ])('XML: %s → 400', async (_name, body, code) => {
    await expectProblem(await postInvoice(app, tenant, body, 'application/xml'), 400, code)
  })

  it('an undeclared entity is malformed XML, not expanded', async () => {
    const body = sample.replace('ABC1234', '&secret;')
    await expectProblem(await postInvoice(app, tenant, body, 'application/xml'), 400, 'INGEST_ERR_MALFORMED_XML')
  })

  it.each([
    ['truncated', '{"versione": "FPR12"', 'INGEST_ERR_MALFORMED_JSON'],
    ['not JSON', 'versione=FPR12', 'INGEST_ERR_MALFORMED_JSON'],
    ['prototype poisoning', '{"__proto__": {"isAdmin": true}}', 'INGEST_ERR_MALFORMED_JSON'],
  ])('JSON: %s → 400', async (_name, body, code) => {
    await expectProblem(await postInvoice(app, tenant, body, 'application/json'), 400, code)
  })

  it('JSON that is no FatturaPA model → 422 with SdI-coded errors', async () => {
    const response = await postInvoice(app, tenant, '{"hello":"world"}', 'application/json')
    await expectProblem(response, 422, 'INGEST_ERR_INVOICE_INVALID')
    expect(response.json<{ errors: unknown[] }>().errors.length).toBeGreaterThan(0)
  })

  it('an unreadable .p7m → 400', async () => {
    await expectProblem(
      await postInvoice(app, tenant, 'MIIB', 'application/pkcs7-mime'),
      400,
      'INGEST_ERR_MALFORMED_P7M',
    )
    await expectProblem(
      await postInvoice(app, tenant, Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]), 'application/pkcs7-mime'),
      400,
      'INGEST_ERR_MALFORMED_P7M',
    )
  })

  it.each(['text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/xml-dtd'])(
    'Content-Type %s → 415',
    async (contentType) => {
      await expectProblem(await postInvoice(app, tenant, sample, contentType), 415, 'INGEST_ERR_UNSUPPORTED_MEDIA_TYPE')
    },
  )

  it('no Content-Type → 415', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/invoices', headers: tenant.auth, payload: sample })
    await expectProblem(response, 415, 'INGEST_ERR_UNSUPPORTED_MEDIA_TYPE')
    const empty = await app.inject({ method: 'POST', url: '/v1/invoices', headers: tenant.auth })
    await expectProblem(empty, 415, 'INGEST_ERR_UNSUPPORTED_MEDIA_TYPE')
  })

  it('an empty body → 400', async () => {
    await expectProblem(await postInvoice(app, tenant, '', 'application/xml'), 400, 'INGEST_ERR_EMPTY_BODY')
  })

  it('a body over 5 MB → 413', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)
    await expectProblem(await postInvoice(app, tenant, big, 'application/xml'), 413, 'INGEST_ERR_TOO_LARGE')
  })

  it('bad and missing keys → 401', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/invoices',
      headers: { authorization: 'Bearer vk_live_nope' },
    })
    await expectProblem(response, 401, 'INGEST_ERR_AUTH_INVALID')
    await expectProblem(await app.inject({ method: 'GET', url: '/v1/invoices' }), 401, 'INGEST_ERR_AUTH_MISSING')
  })

  it('unknown routes and methods → 404; bad query parameters → 400', async () => {
    await expectProblem(await app.inject({ method: 'GET', url: '/v2/things' }), 404, 'INGEST_ERR_ROUTE_NOT_FOUND')
    await expectProblem(
      await app.inject({ method: 'DELETE', url: '/v1/invoices', headers: tenant.auth }),
      404,
      'INGEST_ERR_ROUTE_NOT_FOUND',
    )
    await expectProblem(
      await postInvoice(app, tenant, sample, 'application/xml', 'validate=later'),
      400,
      'INGEST_ERR_BAD_REQUEST',
    )
    const limit = await app.inject({ method: 'GET', url: '/v1/invoices?limit=1000', headers: tenant.auth })
    await expectProblem(limit, 400, 'INGEST_ERR_BAD_REQUEST')
  })
})

describe('the per-key rate limit', () => {
  it('answers 429 with Retry-After once a key used its quota, and counts each key apart', async () => {
    const limited = await startApp(database, { rateLimit: { max: 3, windowMs: 60_000 } })
    try {
      const other = await createTenant(database.admin)
      const statuses: number[] = []
      let last: Awaited<ReturnType<typeof limited.inject>> | undefined
      for (let i = 0; i < 4; i++) {
        last = await limited.inject({ method: 'GET', url: '/v1/invoices', headers: tenant.auth })
        statuses.push(last.statusCode)
      }
      expect(statuses).toEqual([200, 200, 200, 429])
      expect(last!.headers['retry-after']).toMatch(/^[0-9]+$/)
      await expectProblem(last!, 429, 'INGEST_ERR_RATE_LIMITED')
      expect((await limited.inject({ method: 'GET', url: '/v1/invoices', headers: other.auth })).statusCode).toBe(200)
      // Health and docs are not counted.
      expect((await limited.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200)
    } finally {
      await limited.close()
    }
  })
})

describe('a bounded fuzz run over the endpoints', () => {
  const json = JSON.stringify(exampleInvoiceJson)
  // Text inserted right after a tag keeps the XML well-formed: such files reach the format and content checks.
  const tagEnds = [...sample.matchAll(/>/g)].map((m) => m.index + 1)
  const wellFormed = fc
    .tuple(
      fc.constantFrom(...tagEnds),
      fc.string({ maxLength: 8 }).filter((t) => !/[<&]/.test(t)),
    )
    .map(([at, text]) => sample.slice(0, at) + text + sample.slice(at))
  const mutate = (text: string) =>
    fc.oneof(
      fc
        .tuple(fc.nat({ max: text.length }), fc.string({ maxLength: 12 }))
        .map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
      fc.nat({ max: text.length }).map((at) => text.slice(0, at)),
      fc
        .tuple(fc.nat({ max: text.length }), fc.nat({ max: 40 }))
        .map(([at, n]) => text.slice(0, at) + text.slice(at + n)),
    )
  const anyType = fc.oneof(
    fc.constantFrom('application/xml', 'text/xml', 'application/json', 'application/pkcs7-mime', 'text/plain'),
    fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
  )
  // Mostly bodies of the declared type, nearly right: the inputs that reach deepest into the checks.
  const typedBody = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('application/xml', 'text/xml'), mutate(sample)) },
    { weight: 3, arbitrary: fc.tuple(fc.constant('application/xml'), wellFormed) },
    { weight: 2, arbitrary: fc.tuple(fc.constant('application/json'), mutate(json)) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('application/json'), fc.json()) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        anyType,
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        ),
      ),
    },
  )
  const query = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('', 'validate=sync', 'validate=sync', 'transliterate=true') },
    fc.constantFrom(
      '',
      'validate=sync',
      'validate=async',
      'transliterate=true',
      'transliterate=maybe',
      'validate=x&y=1',
    ),
    fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
  )
  const id = fc.oneof(
    fc.uuid(),
    fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)),
  )
  const request = fc.oneof(
    fc.record({
      method: fc.constant('POST' as const),
      path: fc.constantFrom('/v1/invoices', '/v1/invoices/validate'),
      typedBody,
      query,
    }),
    fc.record({
      method: fc.constant('GET' as const),
      path: fc.oneof(
        id.map((i) => `/v1/invoices/${i}`),
        fc.tuple(id, fc.constantFrom('original', 'signed', 'other')).map(([i, w]) => `/v1/invoices/${i}/files/${w}`),
        fc.constant('/v1/invoices'),
      ),
      query: fc.oneof(
        query,
        fc.constantFrom('limit=0', 'limit=abc', 'cursor=%00', 'createdFrom=yesterday', 'status=signed'),
      ),
    }),
  )

  it('never answers 5xx nor crashes, and every refusal is a problem document', async () => {
    await fc.assert(
      fc.asyncProperty(request, fc.nat({ max: 9 }), async (r, dice) => {
        const authenticated = dice > 1
        const headers: Record<string, string> = authenticated ? { ...tenant.auth } : {}
        if (r.method === 'POST') headers['content-type'] = r.typedBody[0]
        const response = await app.inject({
          method: r.method,
          url: `${r.path}${r.query === '' ? '' : `?${r.query}`}`,
          headers,
          ...(r.method === 'POST' ? { payload: r.typedBody[1] } : {}),
        })
        expect(response.statusCode, response.body).toBeLessThan(500)
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
          expect(response.json<{ code: string }>().code).toMatch(/^INGEST_ERR_/)
        }
      }),
      { numRuns: 400, seed: 20261201, endOnFailure: true },
    )
  })
})
