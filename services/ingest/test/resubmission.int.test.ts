import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvoiceNotification } from '@varco/contracts'
import { onInvoiceProgress } from '../src/consumers/invoice-progress.ts'
import type { ProjectedEvent } from '../src/domain/status.ts'
import {
  createIngestDatabase,
  createTenant,
  silentLogger,
  startApp,
  type IngestDatabase,
  type TestTenant,
} from './helpers/app-harness.ts'
import { notificationsFor } from './helpers/events.ts'
import { invoiceView, sampleWithNumber, submitSample, type SubmittedInvoice } from './helpers/invoices.ts'
import { count } from './helpers/requests.ts'

let database: IngestDatabase
let app: FastifyInstance
let tenant: TestTenant
let other: TestTenant

beforeAll(async () => {
  database = await createIngestDatabase()
  app = await startApp(database)
  tenant = await createTenant(database.admin)
  other = await createTenant(database.admin)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

const apply = (event: ProjectedEvent) =>
  onInvoiceProgress(event, { pool: database.pool, consumer: 'resubmission-test' }, silentLogger)
const rejected: InvoiceNotification['data']['lifecycle'] = {
  decision: 'transition',
  from: 'submitted',
  state: 'rejected',
  sequence: 1,
}

/** An invoice transmitted and rejected by SdI with the given last day to resubmit. */
async function rejectedBySdi(resubmitBy = '2999-12-31'): Promise<SubmittedInvoice> {
  const invoice = await submitSample(app, database, tenant)
  await apply(invoice.events.validated())
  await apply(invoice.events.signed())
  await apply(invoice.events.transmitted())
  const notify = notificationsFor(tenant.id, invoice.id, invoice.events.fileName)
  await apply(notify('NS', rejected, { errors: [{ code: '00305', description: 'IdCodice non valido' }], resubmitBy }))
  return invoice
}

function resubmit(id: string, body: string, who: TestTenant = tenant, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: `/v1/invoices/${id}/resubmissions`,
    headers: { ...who.auth, 'content-type': 'application/xml', ...headers },
    payload: body,
  })
}

interface Linked {
  status: string
  resubmissionOf: string | null
  resubmittedAs: string | null
  sdiRejection: { open: boolean; resubmitBy: string } | null
}

describe('POST /v1/invoices/{id}/resubmissions', () => {
  it('accepts a corrected file with the same number and date, linked both ways, through the pipeline', async () => {
    const invoice = await rejectedBySdi()
    expect(await invoiceView<Linked>(app, tenant, invoice.id)).toMatchObject({
      status: 'rejected',
      sdiRejection: { open: true, resubmitBy: '2999-12-31' },
      resubmittedAs: null,
    })
    const response = await resubmit(invoice.id, sampleWithNumber(invoice.number))
    expect(response.statusCode, response.body).toBe(202)
    const accepted = response.json<{ id: string; status: string; resubmissionOf: string }>()
    expect(accepted).toMatchObject({ status: 'received', resubmissionOf: invoice.id })
    expect(response.headers.location).toBe(`/v1/invoices/${accepted.id}`)
    expect(await invoiceView<Linked>(app, tenant, invoice.id)).toMatchObject({ resubmittedAs: accepted.id })
    expect(await invoiceView<Linked>(app, tenant, accepted.id)).toMatchObject({
      status: 'received',
      resubmissionOf: invoice.id,
      resubmittedAs: null,
    })
    // The new invoice goes to validation like any other: its invoice.received is in the outbox.
    expect(
      await count(database.pool, 'ingest.outbox', "message_key = $1 AND event_type = 'invoice.received'", [
        accepted.id,
      ]),
    ).toBe(1)
    const listed = await app.inject({
      method: 'GET',
      url: `/v1/invoices?invoiceNumber=${invoice.number}`,
      headers: tenant.auth,
    })
    expect(listed.json<{ items: Linked[] }>().items.map((i) => i.resubmissionOf)).toEqual([invoice.id, null])

    const again = await resubmit(invoice.id, sampleWithNumber(invoice.number))
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({
      code: 'INGEST_ERR_ALREADY_RESUBMITTED',
      detail: expect.stringContaining(accepted.id) as unknown,
    })
  })

  it('replays the first response for the same Idempotency-Key, and refuses the key with another body', async () => {
    const invoice = await rejectedBySdi()
    const key = { 'idempotency-key': `resubmit-${invoice.id}` }
    const first = await resubmit(invoice.id, sampleWithNumber(invoice.number), tenant, key)
    const second = await resubmit(invoice.id, sampleWithNumber(invoice.number), tenant, key)
    expect(first.statusCode).toBe(202)
    expect(second.statusCode).toBe(202)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.json()).toEqual(first.json())
    const different = await resubmit(
      invoice.id,
      sampleWithNumber(invoice.number).replace('</Causale>', ' bis</Causale>'),
      tenant,
      key,
    )
    expect(different.statusCode).toBe(409)
    expect(different.json()).toMatchObject({ code: 'INGEST_ERR_IDEMPOTENCY_CONFLICT' })
    expect(await count(database.pool, 'ingest.invoices', 'resubmission_of = $1', [invoice.id])).toBe(1)
  })

  it('makes one invoice of two concurrent resubmissions, and a 409', async () => {
    const invoice = await rejectedBySdi()
    const statuses = (await Promise.all([1, 2].map(() => resubmit(invoice.id, sampleWithNumber(invoice.number))))).map(
      (r) => r.statusCode,
    )
    expect(statuses.sort()).toEqual([202, 409])
    expect(await count(database.pool, 'ingest.invoices', 'resubmission_of = $1', [invoice.id])).toBe(1)
  })

  it('refuses after the window closed, saying the deadline', async () => {
    const invoice = await rejectedBySdi('2020-01-10')
    expect((await invoiceView<Linked>(app, tenant, invoice.id)).sdiRejection).toMatchObject({ open: false })
    const response = await resubmit(invoice.id, sampleWithNumber(invoice.number))
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({
      code: 'INGEST_ERR_RESUBMISSION_WINDOW_CLOSED',
      detail: expect.stringContaining('2020-01-10') as unknown,
    })
    expect(await count(database.pool, 'ingest.invoices', 'resubmission_of = $1', [invoice.id])).toBe(0)
  })

  it('refuses a corrected file with another number or date (422), storing nothing', async () => {
    const invoice = await rejectedBySdi()
    const otherNumber = await resubmit(invoice.id, sampleWithNumber(`${invoice.number}X`))
    expect(otherNumber.statusCode).toBe(422)
    expect(otherNumber.json()).toMatchObject({
      code: 'INGEST_ERR_RESUBMISSION_MISMATCH',
      detail: expect.stringContaining(`new ${invoice.number}X`) as unknown,
    })
    const date = /<Data>([0-9-]+)<\/Data>/.exec(sampleWithNumber(invoice.number))![1]!
    const otherDate = await resubmit(
      invoice.id,
      sampleWithNumber(invoice.number).replace(`<Data>${date}</Data>`, '<Data>2014-12-19</Data>'),
    )
    expect(otherDate.statusCode).toBe(422)
    expect((await invoiceView<Linked>(app, tenant, invoice.id)).resubmittedAs).toBeNull()
  })

  it('refuses an invoice SdI did not reject: in progress, or rejected by validation', async () => {
    const inProgress = await submitSample(app, database, tenant)
    const byValidation = await submitSample(app, database, tenant)
    await apply(byValidation.events.rejected())
    for (const invoice of [inProgress, byValidation]) {
      const response = await resubmit(invoice.id, sampleWithNumber(invoice.number))
      expect(response.statusCode).toBe(409)
      expect(response.json()).toMatchObject({ code: 'INGEST_ERR_NOT_REJECTED_BY_SDI' })
    }
  })

  it("answers 404 for an unknown invoice and for another tenant's, exactly alike", async () => {
    const invoice = await rejectedBySdi()
    const theirs = await resubmit(invoice.id, sampleWithNumber(invoice.number), other)
    const unknown = await resubmit('0193d0a8-8e4b-7a3c-9c1e-5b2f7d1e4a60', sampleWithNumber(invoice.number), other)
    const malformed = await resubmit('not-an-id', sampleWithNumber(invoice.number), other)
    for (const response of [theirs, unknown, malformed]) {
      expect(response.statusCode).toBe(404)
      expect(response.json()).toMatchObject({ code: 'INGEST_ERR_NOT_FOUND' })
    }
    expect((await invoiceView<Linked>(app, tenant, invoice.id)).resubmittedAs).toBeNull()
  })

  it('refuses bad input with problem documents: media type, malformed XML, no key', async () => {
    const invoice = await rejectedBySdi()
    const asText = await app.inject({
      method: 'POST',
      url: `/v1/invoices/${invoice.id}/resubmissions`,
      headers: { ...tenant.auth, 'content-type': 'text/plain' },
      payload: 'x',
    })
    expect(asText.statusCode).toBe(415)
    const malformed = await resubmit(invoice.id, '<FatturaElettronica')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/)
    const anonymous = await app.inject({
      method: 'POST',
      url: `/v1/invoices/${invoice.id}/resubmissions`,
      payload: 'x',
    })
    expect(anonymous.statusCode).toBe(401)
  })
})
