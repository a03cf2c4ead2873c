import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoiceReceived } from '@varco/contracts'
import { loadPemIdentity, signCades } from '@varco/signature'
import { createTestPki, validNumbers, validSampleInvoice } from '@varco/testing'
import {
  createIngestDatabase,
  createTenant,
  startApp,
  type IngestDatabase,
  type TestTenant,
} from './helpers/app-harness.ts'
import { count, exampleJsonWith, postInvoice, type AcceptedBody, type InvoiceBody } from './helpers/requests.ts'

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

const transmitter = `IT${validNumbers.transmitter}`
const get = (url: string, who: TestTenant = tenant) => app.inject({ method: 'GET', url, headers: who.auth })

describe('POST /v1/invoices', () => {
  it('stores an XML file, its view and invoice.received in one go, and answers 202', async () => {
    const xml = validSampleInvoice()
    const response = await postInvoice(app, tenant, xml, 'application/xml')
    expect(response.statusCode).toBe(202)
    const accepted = response.json<AcceptedBody>()
    expect(accepted).toEqual({ id: accepted.id, status: 'received', statusUrl: `/v1/invoices/${accepted.id}` })
    expect(accepted.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers.location).toBe(accepted.statusUrl)

    const { rows } = await database.pool.query<{ payload: string; message_key: string }>(
      'SELECT payload, message_key FROM ingest.outbox WHERE message_key = $1',
      [accepted.id],
    )
    expect(rows).toHaveLength(1)
    const event = JSON.parse(rows[0]!.payload) as unknown
    expect(invoiceReceived.check(event)).toEqual([])
    expect(event).toMatchObject({
      type: 'invoice.received',
      tenantId: tenant.id,
      invoiceId: accepted.id,
      source: 'ingest',
    })
    const { sha256 } = (event as { data: { document: { sha256: string } } }).data.document
    expect((await database.documents.get(sha256)).bytes.toString('utf8')).toBe(xml)

    const view = (await get(accepted.statusUrl)).json<InvoiceBody>()
    expect(view).toMatchObject({
      id: accepted.id,
      status: 'received',
      transmitter,
      recipientCode: 'ABC1234',
      documents: [{ type: 'TD01', number: '123', date: '2014-12-18' }],
      deadline: { date: '2014-12-30', overdue: true },
      sdiFileName: null,
      errors: [],
      files: { original: `${accepted.statusUrl}/files/original`, signed: null },
      timeline: [{ type: 'invoice.received' }],
    })
  })

  it('serves the original file byte for byte with its media type', async () => {
    const xml = validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>original-1</Numero>')
    const { id } = (await postInvoice(app, tenant, xml, 'text/xml; charset=utf-8')).json<AcceptedBody>()
    const file = await get(`/v1/invoices/${id}/files/original`)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/xml')
    expect(file.body).toBe(xml)
    const signed = await get(`/v1/invoices/${id}/files/signed`)
    expect(signed.statusCode).toBe(404)
    expect(signed.json()).toMatchObject({ code: 'INGEST_ERR_FILE_NOT_READY' })
  })

  it('accepts a signed .p7m, DER or base64, and keeps it as sent', async () => {
    const pki = createTestPki()
    try {
      const identity = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
      const der = await signCades(Buffer.from(validSampleInvoice()), identity)
      for (const body of [der, Buffer.from(der.toString('base64'))]) {
        const response = await postInvoice(app, tenant, body, 'application/pkcs7-mime')
        expect(response.statusCode).toBe(202)
        const file = await get(`/v1/invoices/${response.json<AcceptedBody>().id}/files/original`)
        expect(file.headers['content-type']).toBe('application/pkcs7-mime')
        expect(file.rawPayload.equals(body)).toBe(true)
      }
    } finally {
      pki.cleanup()
    }
  })

  it('turns FatturaPA JSON into the XML file it stores, transliterating on request', async () => {
    const tenantOfExample = await createTenant(database.admin, ['IT01234567897'])
    const json = exampleJsonWith('Servizio “base”')
    const refused = await postInvoice(app, tenantOfExample, json, 'application/json')
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'INGEST_ERR_INVOICE_INVALID', errors: [{ code: '00200' }] })

    const response = await postInvoice(app, tenantOfExample, json, 'application/json', 'transliterate=true')
    expect(response.statusCode).toBe(202)
    const accepted = response.json<AcceptedBody>()
    expect(accepted.transliterations).toEqual([
      expect.objectContaining({ before: 'Servizio “base”', after: 'Servizio "base"' }) as unknown,
    ])
    const file = await get(`/v1/invoices/${accepted.id}/files/original`, tenantOfExample)
    expect(file.headers['content-type']).toBe('application/xml')
    expect(file.body).toContain('<Descrizione>Servizio "base"</Descrizione>')
  })

  it('with validate=sync, answers 422 with every SdI error and stores nothing', async () => {
    const before = await count(database.pool, 'ingest.invoices')
    const broken = validSampleInvoice()
      .replace('<Divisa>EUR</Divisa>', '<Divisa>EURO</Divisa>')
      .replace(/<AliquotaIVA>22\.00<\/AliquotaIVA>/, '<AliquotaIVA>0.00</AliquotaIVA>')
    const response = await postInvoice(app, tenant, broken, 'application/xml', 'validate=sync')
    expect(response.statusCode).toBe(422)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.json()).toMatchObject({
      type: 'urn:varco:error:INGEST_ERR_INVOICE_INVALID',
      status: 422,
      code: 'INGEST_ERR_INVOICE_INVALID',
      errors: [
        expect.objectContaining({
          code: '00200',
          path: 'FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.Divisa',
        }),
      ],
    })
    expect(await count(database.pool, 'ingest.invoices')).toBe(before)
    // The same file without validate=sync is accepted: the validation service rejects it later.
    expect((await postInvoice(app, tenant, broken, 'application/xml')).statusCode).toBe(202)
    expect((await postInvoice(app, tenant, validSampleInvoice(), 'application/xml', 'validate=sync')).statusCode).toBe(
      202,
    )
  })

  it("refuses a file whose transmitter is not the tenant's, or names none", async () => {
    const other = validSampleInvoice().replace(
      /(<IdTrasmittente>\s*<IdPaese>IT<\/IdPaese>\s*<IdCodice>)[0-9]+/,
      '$199999999999',
    )
    expect(other).not.toBe(validSampleInvoice())
    const response = await postInvoice(app, tenant, other, 'application/xml')
    expect(response.statusCode).toBe(422)
    expect(response.json()).toMatchObject({
      code: 'INGEST_ERR_TRANSMITTER_NOT_ALLOWED',
      detail: expect.stringContaining('IT99999999999') as unknown,
    })

    const none = validSampleInvoice().replace(/<IdTrasmittente>[\s\S]*?<\/IdTrasmittente>/, '')
    expect((await postInvoice(app, tenant, none, 'application/xml')).json()).toMatchObject({
      code: 'INGEST_ERR_TRANSMITTER_MISSING',
    })
  })
})

describe('POST /v1/invoices/validate', () => {
  it('runs the same checks and stores nothing', async () => {
    const before = await count(database.pool, 'ingest.invoices')
    const valid = await app.inject({
      method: 'POST',
      url: '/v1/invoices/validate',
      headers: { ...tenant.auth, 'content-type': 'application/xml' },
      payload: validSampleInvoice(),
    })
    expect(valid.statusCode).toBe(200)
    expect(valid.json()).toEqual({ valid: true, errors: [], transliterations: [] })

    const zeroRate = validSampleInvoice().replace(
      /<AliquotaIVA>22\.00<\/AliquotaIVA>/,
      '<AliquotaIVA>0.00</AliquotaIVA>',
    )
    const invalid = await app.inject({
      method: 'POST',
      url: '/v1/invoices/validate',
      headers: { ...tenant.auth, 'content-type': 'application/xml' },
      payload: zeroRate,
    })
    expect(invalid.statusCode).toBe(200)
    expect(invalid.json<{ valid: boolean; errors: Array<{ code: string }> }>()).toMatchObject({ valid: false })
    expect(invalid.json<{ errors: Array<{ code: string }> }>().errors.map((e) => e.code)).toContain('00400')

    const json = await app.inject({
      method: 'POST',
      url: '/v1/invoices/validate',
      headers: { ...tenant.auth, 'content-type': 'application/json' },
      payload: '{"versione":"FPR12"}',
    })
    expect(json.json()).toMatchObject({
      valid: false,
      errors: expect.arrayContaining([expect.objectContaining({ code: '00200' })]) as unknown,
    })
    expect(await count(database.pool, 'ingest.invoices')).toBe(before)
  })
})

describe('GET /v1/invoices', () => {
  it('filters and pages through the tenant’s invoices, newest first, in a stable order', async () => {
    const lister = await createTenant(database.admin)
    const ids: string[] = []
    for (let n = 1; n <= 7; n++) {
      const xml = validSampleInvoice().replace('<Numero>123</Numero>', `<Numero>LIST-${n}</Numero>`)
      ids.push((await postInvoice(app, lister, xml, 'application/xml')).json<AcceptedBody>().id)
    }
    const seen: string[] = []
    let url: string | undefined = '/v1/invoices?limit=3'
    while (url !== undefined) {
      const page: { items: InvoiceBody[]; nextCursor: string | null } = (await get(url, lister)).json()
      expect(page.items.length).toBeLessThanOrEqual(3)
      seen.push(...page.items.map((item) => item.id))
      url = page.nextCursor === null ? undefined : `/v1/invoices?limit=3&cursor=${page.nextCursor}`
    }
    expect(seen).toEqual([...ids].reverse())

    const byNumberResponse = await get('/v1/invoices?invoiceNumber=LIST-4', lister)
    expect(byNumberResponse.statusCode, byNumberResponse.body).toBe(200)
    const byNumber = byNumberResponse.json<{ items: InvoiceBody[] }>()
    expect(byNumber.items.map((item) => item.id)).toEqual([ids[3]])
    const filters = [
      `status=received&transmitter=${transmitter}&recipientCode=ABC1234`,
      'invoiceDateFrom=2014-12-18&invoiceDateTo=2014-12-18',
      `createdFrom=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
    ]
    for (const filter of filters) {
      const page = (await get(`/v1/invoices?${filter}`, lister)).json<{ items: InvoiceBody[] }>()
      expect(page.items, filter).toHaveLength(7)
    }
    for (const filter of [
      'status=signed',
      'recipientCode=XXXXXXX',
      'sdiFileName=IT1_1.xml',
      'invoiceDateTo=2014-12-17',
    ]) {
      expect((await get(`/v1/invoices?${filter}`, lister)).json<{ items: unknown[] }>().items, filter).toEqual([])
    }
    const badCursor = await get('/v1/invoices?cursor=nonsense', lister)
    expect(badCursor.statusCode).toBe(400)
    expect(badCursor.json()).toMatchObject({ code: 'INGEST_ERR_CURSOR_INVALID' })
    const badStatus = await get('/v1/invoices?status=lost', lister)
    expect(badStatus.json()).toMatchObject({
      status: 400,
      code: 'INGEST_ERR_BAD_REQUEST',
      issues: [expect.anything() as unknown],
    })
  })
})
