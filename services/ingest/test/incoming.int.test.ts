import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { invoiceIncoming, invoiceOutcomeSent, type InvoiceIncoming } from '@varco/contracts'
import { eventMessage } from '@varco/db'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics } from '@varco/kafka'
import { uniqueGroup, validNumbers } from '@varco/testing'
import { onIncomingEvent, type IncomingEvent } from '../src/consumers/incoming-invoice.ts'
import {
  createIngestDatabase,
  createTenant,
  silentLogger,
  startApp,
  type IngestDatabase,
  type TestTenant,
} from './helpers/app-harness.ts'
import { anIncoming, outcomeSent, scarto, termsExpired } from './helpers/incoming.ts'
import { count } from './helpers/requests.ts'

let database: IngestDatabase
let app: FastifyInstance
let alice: TestTenant
let bob: TestTenant
const consumer = 'ingest-incoming-test'

beforeAll(async () => {
  database = await createIngestDatabase()
  app = await startApp(database)
  alice = await createTenant(database.admin)
  bob = await createTenant(database.admin)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

const apply = (event: IncomingEvent) => onIncomingEvent(event, { pool: database.pool, consumer }, silentLogger)

async function delivered(tenant: TestTenant, overrides: Partial<InvoiceIncoming['data']> = {}) {
  const incoming = await anIncoming(database.documents, tenant.id, overrides)
  await apply(incoming.event)
  return incoming
}

const get = (tenant: TestTenant, url: string) => app.inject({ method: 'GET', url, headers: tenant.auth })
const postOutcome = (tenant: TestTenant, id: string, payload: unknown) =>
  app.inject({
    method: 'POST',
    url: `/v1/incoming-invoices/${id}/outcome`,
    headers: tenant.auth,
    payload: payload as object,
  })

interface IncomingBody {
  id: string
  outcomeState: string
  outcome: Record<string, unknown> | null
  history: Array<{ type: string; detail: Record<string, unknown> }>
}
const shown = async (tenant: TestTenant, id: string) =>
  (await get(tenant, `/v1/incoming-invoices/${id}`)).json<IncomingBody>()
const ids = async (tenant: TestTenant, query: string) =>
  (await get(tenant, `/v1/incoming-invoices?${query}`)).json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)

describe('GET /v1/incoming-invoices and /v1/incoming-invoices/{id}', () => {
  it('shows parties, documents, signer, outcome window and state of a delivered invoice', async () => {
    const { event } = await delivered(alice)
    await apply(event) // redelivered: no second row
    const response = await get(alice, `/v1/incoming-invoices/${event.invoiceId}`)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      id: event.invoiceId,
      identificativoSdI: event.data.identificativoSdI,
      fileName: event.data.fileName,
      formato: 'FPA12',
      codiceDestinatario: 'UFY9MH',
      seller: event.data.seller,
      buyer: event.data.buyer,
      documents: event.data.documents,
      signature: event.data.signature,
      receivedAt: event.data.receivedAt,
      heldSince: null,
      outcomeBy: '2026-12-17',
      outcomeState: 'awaiting_outcome',
      outcome: null,
      files: {
        original: `/v1/incoming-invoices/${event.invoiceId}/file?part=original`,
        xml: `/v1/incoming-invoices/${event.invoiceId}/file?part=xml`,
        metadata: `/v1/incoming-invoices/${event.invoiceId}/file?part=metadata`,
      },
      history: [],
    })
    expect(await count(database.pool, 'ingest.incoming_invoices', 'id = $1', [event.invoiceId])).toBe(1)
  })

  it('lists newest first with filters and cursor pages', async () => {
    const tenant = await createTenant(database.admin)
    const old = await delivered(tenant, {
      receivedAt: '2026-11-01T10:00:00.000Z',
      formato: 'FPR12',
      outcomeBy: undefined,
    })
    const otherSeller = await delivered(tenant, {
      receivedAt: '2026-11-02T10:00:00.000Z',
      seller: { country: 'IT', vatNumber: validNumbers.other, name: 'Altro' },
      documents: [{ tipoDocumento: 'TD01', numero: 'X-1', data: '2026-10-15' }],
    })
    const recent = await delivered(tenant, { receivedAt: '2026-11-03T10:00:00.000Z' })
    const [a, b, c] = [old.event.invoiceId, otherSeller.event.invoiceId, recent.event.invoiceId]
    expect(await ids(tenant, '')).toEqual([c, b, a])
    expect(await ids(tenant, `sellerVat=IT${validNumbers.seller}`)).toEqual([c, a])
    expect(await ids(tenant, 'formato=FPR12')).toEqual([a])
    expect(await ids(tenant, 'outcomeState=not_applicable')).toEqual([a])
    expect(await ids(tenant, 'outcomeState=awaiting_outcome')).toEqual([c, b])
    expect(await ids(tenant, 'invoiceDateTo=2026-10-31')).toEqual([b])
    expect(await ids(tenant, 'invoiceDateFrom=2026-11-01')).toEqual([c, a])
    expect(await ids(tenant, 'invoiceNumber=X-1')).toEqual([b])
    expect(await ids(tenant, 'receivedFrom=2026-11-02T00:00:00Z&receivedTo=2026-11-03T00:00:00Z')).toEqual([b])

    const first = (await get(tenant, '/v1/incoming-invoices?limit=2')).json<{
      items: Array<{ id: string }>
      nextCursor: string
    }>()
    expect(first.items.map((i) => i.id)).toEqual([c, b])
    const second = (await get(tenant, `/v1/incoming-invoices?limit=2&cursor=${first.nextCursor}`)).json<{
      items: Array<{ id: string }>
      nextCursor: string | null
    }>()
    expect(second).toMatchObject({ items: [{ id: a }], nextCursor: null })
  })

  it('refuses bad parameters with problem documents', async () => {
    for (const query of [
      'cursor=nope',
      'formato=FPX12',
      'outcomeState=lost',
      'limit=0',
      'sellerVat=x',
      'receivedFrom=yesterday',
    ]) {
      const response = await get(alice, `/v1/incoming-invoices?${query}`)
      expect(response.statusCode, query).toBe(400)
      expect(response.headers['content-type'], query).toMatch(/application\/problem\+json/)
    }
  })
})

describe('GET /v1/incoming-invoices/{id}/file', () => {
  it('serves the file as delivered, its XML and the metadata file, with their media types', async () => {
    const { event, bytes } = await delivered(alice)
    const url = `/v1/incoming-invoices/${event.invoiceId}/file`
    const original = await get(alice, url)
    expect(original.statusCode).toBe(200)
    expect(original.headers['content-type']).toBe('application/pkcs7-mime')
    expect(original.rawPayload.equals(bytes.file)).toBe(true)
    expect(original.headers['content-disposition']).toContain(event.data.fileName)
    const xml = await get(alice, `${url}?part=xml`)
    expect(xml.headers['content-type']).toMatch(/^application\/xml/)
    expect(xml.rawPayload.equals(bytes.content)).toBe(true)
    expect(xml.headers['content-disposition']).toContain(event.data.fileName.replace(/\.p7m$/, ''))
    const metadata = await get(alice, `${url}?part=metadata`)
    expect(metadata.rawPayload.equals(bytes.metadata)).toBe(true)
    expect(metadata.headers['content-disposition']).toContain(event.data.metadataFileName)
    expect((await get(alice, `${url}?part=signed`)).statusCode).toBe(400)
  })
})

describe('POST /v1/incoming-invoices/{id}/outcome', () => {
  it('publishes invoice.outcome_requested through the outbox with the view change, then follows SdI', async () => {
    const { event } = await delivered(alice)
    const id = event.invoiceId
    const response = await postOutcome(alice, id, { esito: 'EC02', description: 'Importo errato' })
    expect(response.statusCode, response.body).toBe(202)
    expect(response.json()).toEqual({ id, outcomeState: 'outcome_requested', statusUrl: `/v1/incoming-invoices/${id}` })
    const { rows } = await database.pool.query<{ payload: string }>(
      "SELECT payload FROM ingest.outbox WHERE message_key = $1 AND event_type = 'invoice.outcome_requested'",
      [id],
    )
    expect(rows).toHaveLength(1)
    const published = JSON.parse(rows[0]!.payload) as { tenantId: string; data: unknown }
    expect(published).toMatchObject({
      tenantId: alice.id,
      data: {
        identificativoSdI: event.data.identificativoSdI,
        invoiceFileName: event.data.fileName,
        esito: 'EC02',
        description: 'Importo errato',
        outcomeBy: '2026-12-17',
      },
    })
    expect(await shown(alice, id)).toMatchObject({ outcomeState: 'outcome_requested', outcome: { esito: 'EC02' } })

    // One in flight: refused until SdI answers.
    const inFlight = await postOutcome(alice, id, { esito: 'EC01' })
    expect(inFlight.statusCode).toBe(409)
    expect(inFlight.json()).toMatchObject({ code: 'INGEST_ERR_OUTCOME_IN_FLIGHT' })

    // ES00 with SdI's SE: refused, with the code; another outcome is allowed.
    await apply(outcomeSent(event, 'ES00', { esito: 'EC02', scarto: scarto('EN00') }))
    expect(await shown(alice, id)).toMatchObject({
      outcomeState: 'outcome_refused',
      outcome: { esito: 'EC02', result: 'ES00', scarto: { code: 'EN00', description: 'Notifica non conforme' } },
    })
    expect((await postOutcome(alice, id, { esito: 'EC01' })).statusCode).toBe(202)

    // ES01: taken for good.
    await apply(outcomeSent(event, 'ES01'))
    const accepted = await shown(alice, id)
    expect(accepted).toMatchObject({ outcomeState: 'outcome_accepted', outcome: { esito: 'EC01', result: 'ES01' } })
    expect(accepted.history.map((h) => h.type)).toEqual([
      'invoice.outcome_requested',
      'invoice.outcome_sent',
      'invoice.outcome_requested',
      'invoice.outcome_sent',
    ])
    const after = await postOutcome(alice, id, { esito: 'EC02' })
    expect(after.statusCode).toBe(409)
    expect(after.json()).toMatchObject({ code: 'INGEST_ERR_OUTCOME_ALREADY_ACCEPTED' })
  })

  it('allows another outcome after a failure, none after the terms expired', async () => {
    const { event } = await delivered(alice)
    expect((await postOutcome(alice, event.invoiceId, { esito: 'EC01' })).statusCode).toBe(202)
    await apply(outcomeSent(event, 'failed', { failure: { cause: 'deadline_passed', message: 'SdI unavailable' } }))
    expect(await shown(alice, event.invoiceId)).toMatchObject({
      outcomeState: 'outcome_failed',
      outcome: { failure: { cause: 'deadline_passed' } },
    })
    expect((await postOutcome(alice, event.invoiceId, { esito: 'EC01' })).statusCode).toBe(202)
    await apply(termsExpired(event))
    const expired = await shown(alice, event.invoiceId)
    expect(expired.outcomeState).toBe('terms_expired')
    expect(expired.history.at(-1)).toMatchObject({ type: 'invoice.incoming_terms_expired' })
    // The EC in flight comes back refused as too late: the state stays.
    await apply(outcomeSent(event, 'ES00', { scarto: scarto('EN01') }))
    expect((await shown(alice, event.invoiceId)).outcomeState).toBe('terms_expired')
    const response = await postOutcome(alice, event.invoiceId, { esito: 'EC01' })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({ code: 'INGEST_ERR_OUTCOME_TERMS_EXPIRED' })
  })

  it('refuses an outcome on an FPR12 invoice (none in B2B)', async () => {
    const { event } = await delivered(alice, { formato: 'FPR12', outcomeBy: undefined })
    expect((await shown(alice, event.invoiceId)).outcomeState).toBe('not_applicable')
    const response = await postOutcome(alice, event.invoiceId, { esito: 'EC01' })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({ code: 'INGEST_ERR_OUTCOME_NOT_APPLICABLE' })
    expect(await count(database.pool, 'ingest.outbox', 'message_key = $1', [event.invoiceId])).toBe(0)
  })

  it('takes an invoiceRef to one document of the file, refuses one that is not there', async () => {
    const { event } = await delivered(alice)
    const unknown = await postOutcome(alice, event.invoiceId, {
      esito: 'EC02',
      invoiceRef: { number: 'FE-77', year: 2025 },
    })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json()).toMatchObject({ code: 'INGEST_ERR_OUTCOME_INVOICE_REF' })
    const known = await postOutcome(alice, event.invoiceId, {
      esito: 'EC02',
      invoiceRef: { number: 'FE-77', year: 2026, position: 1 },
    })
    expect(known.statusCode).toBe(202)
    expect(await shown(alice, event.invoiceId)).toMatchObject({
      outcome: { invoiceRef: { number: 'FE-77', year: 2026, position: 1 } },
    })
  })

  it('makes one request of two concurrent outcomes', async () => {
    const { event } = await delivered(alice)
    const statuses = (await Promise.all([1, 2].map(() => postOutcome(alice, event.invoiceId, { esito: 'EC01' })))).map(
      (r) => r.statusCode,
    )
    expect(statuses.sort()).toEqual([202, 409])
    expect(await count(database.pool, 'ingest.outbox', 'message_key = $1', [event.invoiceId])).toBe(1)
  })

  it('refuses bad bodies with problem documents', async () => {
    const { event } = await delivered(alice)
    for (const body of [
      { esito: 'EC03' },
      {},
      { esito: 'EC01', description: '' },
      { esito: 'EC01', extra: 1 },
      { esito: 'EC01', description: 'x'.repeat(256) },
    ]) {
      const response = await postOutcome(alice, event.invoiceId, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.json()).toMatchObject({ code: 'INGEST_ERR_BAD_REQUEST' })
    }
    const notJson = await app.inject({
      method: 'POST',
      url: `/v1/incoming-invoices/${event.invoiceId}/outcome`,
      headers: { ...alice.auth, 'content-type': 'application/json' },
      payload: '{"esito":',
    })
    expect(notJson.statusCode).toBe(400)
    expect((await shown(alice, event.invoiceId)).outcomeState).toBe('awaiting_outcome')
  })
})

describe('tenant isolation of incoming invoices', () => {
  it("answers 404 for another tenant's incoming invoice exactly as for none, and never lists it", async () => {
    const { event } = await delivered(alice)
    const id = event.invoiceId
    for (const [name, request] of [
      ['view', () => get(bob, `/v1/incoming-invoices/${id}`)],
      ['file', () => get(bob, `/v1/incoming-invoices/${id}/file?part=xml`)],
      ['outcome', () => postOutcome(bob, id, { esito: 'EC02' })],
    ] as const) {
      const theirs = await request()
      expect(theirs.statusCode, name).toBe(404)
      expect(theirs.json(), name).toMatchObject({ code: 'INGEST_ERR_INCOMING_NOT_FOUND' })
    }
    const none = await get(bob, `/v1/incoming-invoices/${randomUUID()}`)
    expect(none.json()).toMatchObject({ code: 'INGEST_ERR_INCOMING_NOT_FOUND' })
    expect(await ids(bob, '')).not.toContain(id)
    expect(await shown(alice, id)).toMatchObject({ outcomeState: 'awaiting_outcome' })
  })

  it("ignores another tenant's outcome_sent and DT about the invoice: not applied, not lost (retried, then parked)", async () => {
    const { event } = await delivered(alice)
    const forged = { ...outcomeSent(event, 'ES01'), tenantId: bob.id }
    await expect(apply(forged)).rejects.toMatchObject({ code: 'INGEST_ERR_INCOMING_UNKNOWN' })
    await expect(apply({ ...termsExpired(event), tenantId: bob.id })).rejects.toMatchObject({
      code: 'INGEST_ERR_INCOMING_UNKNOWN',
    })
    expect((await shown(alice, event.invoiceId)).outcomeState).toBe('awaiting_outcome')
  })
})

describe('the incoming view on Kafka', () => {
  it('follows invoice.incoming and invoice.outcome_sent', async () => {
    const prefix = `ingest-${randomUUID()}`
    const kafka = createKafkaClient({
      brokers: inject('kafkaBrokers').split(','),
      clientId: 'ingest-test',
      logger: silentLogger,
    })
    const definitions = [invoiceIncoming, invoiceOutcomeSent] as const
    await ensureTopics(
      kafka,
      definitions.map((d) => ({ topic: `${prefix}.${d.type}.v1` })),
    )
    const groupId = uniqueGroup('ingest')
    const running = await consumeEvents({
      kafka,
      groupId,
      events: definitions,
      topicPrefix: prefix,
      logger: silentLogger,
      handle: (event, { log }) => onIncomingEvent(event, { pool: database.pool, consumer: groupId }, log),
    })
    const publisher = createPublisher(kafka)
    try {
      await running.joined
      await publisher.connect()
      const { event } = await anIncoming(database.documents, alice.id)
      await publisher.publish([eventMessage(event, prefix)])
      await expect
        .poll(async () => (await get(alice, `/v1/incoming-invoices/${event.invoiceId}`)).statusCode, {
          timeout: 30_000,
        })
        .toBe(200)
      expect((await postOutcome(alice, event.invoiceId, { esito: 'EC01' })).statusCode).toBe(202)
      await publisher.publish([eventMessage(outcomeSent(event, 'ES01'), prefix)])
      await expect
        .poll(async () => (await shown(alice, event.invoiceId)).outcomeState, { timeout: 30_000 })
        .toBe('outcome_accepted')
    } finally {
      await running.stop()
      await publisher.disconnect()
    }
  })
})
