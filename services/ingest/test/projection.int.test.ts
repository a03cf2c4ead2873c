import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  invoiceRejected,
  invoiceSigned,
  invoiceSigningFailed,
  invoiceTransmissionFailed,
  invoiceTransmitted,
  invoiceValidated,
  type DocumentRef,
} from '@varco/contracts'
import { eventMessage } from '@varco/db'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics } from '@varco/kafka'
import { uniqueGroup, validSampleInvoice } from '@varco/testing'
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
import { eventsFor } from './helpers/events.ts'
import { count, postInvoice, type AcceptedBody, type InvoiceBody } from './helpers/requests.ts'

let database: IngestDatabase
let app: FastifyInstance
let tenant: TestTenant
const consumer = 'ingest-projection-test'

beforeAll(async () => {
  database = await createIngestDatabase()
  app = await startApp(database)
  tenant = await createTenant(database.admin)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

async function anInvoice(): Promise<{ id: string; document: DocumentRef; events: ReturnType<typeof eventsFor> }> {
  const xml = validSampleInvoice().replace('<Numero>123</Numero>', `<Numero>P-${randomUUID().slice(0, 8)}</Numero>`)
  const { id } = (await postInvoice(app, tenant, xml, 'application/xml')).json<AcceptedBody>()
  const { rows } = await database.pool.query<{ payload: string }>(
    'SELECT payload FROM ingest.outbox WHERE message_key = $1',
    [id],
  )
  const document = (JSON.parse(rows[0]!.payload) as { data: { document: DocumentRef } }).data.document
  return { id, document, events: eventsFor(tenant.id, id, document) }
}

const apply = (event: ProjectedEvent) => onInvoiceProgress(event, { pool: database.pool, consumer }, silentLogger)
const view = async (id: string) =>
  (await app.inject({ method: 'GET', url: `/v1/invoices/${id}`, headers: tenant.auth })).json<InvoiceBody>()

describe('the invoice view, kept from the events', () => {
  it('shows each stage, the SdI file name, the signed file and the timeline with times', async () => {
    const { id, events } = await anInvoice()
    const validated = events.validated()
    await apply(validated)
    expect(await view(id)).toMatchObject({
      status: 'validated',
      timeline: [{ type: 'invoice.received' }, { type: 'invoice.validated', occurredAt: validated.occurredAt }],
    })

    const signedFile = await database.documents.put(Buffer.from('<signed/>'), 'application/xml')
    await apply(events.signed(signedFile))
    const signed = await view(id)
    expect(signed).toMatchObject({
      status: 'signed',
      sdiFileName: events.fileName,
      files: { signed: `/v1/invoices/${id}/files/signed` },
    })
    const file = await app.inject({ method: 'GET', url: signed.files.signed!, headers: tenant.auth })
    expect(file.statusCode).toBe(200)
    expect(file.body).toBe('<signed/>')

    await apply(events.transmitted())
    expect(await view(id)).toMatchObject({
      status: 'transmitted',
      sdiId: '4242',
      deadline: { secondsLeft: null, overdue: false },
      timeline: [
        { type: 'invoice.received' },
        { type: 'invoice.validated' },
        { type: 'invoice.signed' },
        { type: 'invoice.transmitted' },
      ],
    })
    const listed = await app.inject({
      method: 'GET',
      url: `/v1/invoices?sdiFileName=${events.fileName}&status=transmitted`,
      headers: tenant.auth,
    })
    expect(listed.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toContain(id)
  })

  it('shows the SdI errors of a rejected invoice and the cause of a failed signing', async () => {
    const rejected = await anInvoice()
    await apply(rejected.events.rejected())
    expect(await view(rejected.id)).toMatchObject({ status: 'rejected', errors: [{ code: '00400' }] })

    const failed = await anInvoice()
    await apply(failed.events.validated())
    await apply(failed.events.signingFailed())
    expect(await view(failed.id)).toMatchObject({
      status: 'signing_failed',
      failure: { stage: 'signing', cause: 'no_identity', message: expect.stringContaining('No identity') as unknown },
    })
  })

  it('applies an event once however often it is delivered, and never moves back', async () => {
    const { id, events } = await anInvoice()
    // Signed arrives first though it happened after validated: another topic, another partition.
    const validated = events.validated()
    const signed = events.signed(undefined, new Date(Date.now() + 1000).toISOString())
    await apply(signed)
    await apply(validated)
    await apply(signed)
    await apply(validated)
    const shown = await view(id)
    expect(shown.status).toBe('signed')
    expect(shown.timeline.map((entry) => entry.type)).toEqual([
      'invoice.received',
      'invoice.validated',
      'invoice.signed',
    ])
    // The received entry is the invoice row itself; the other two were recorded once each.
    expect(await count(database.pool, 'ingest.invoice_events', 'invoice_id = $1', [id])).toBe(2)
  })

  it("ignores events about invoices it did not receive, or another tenant's", async () => {
    const { id, events } = await anInvoice()
    const other = eventsFor('another-tenant', id, { sha256: 'a'.repeat(64), size: 1, mediaType: 'application/xml' })
    await apply(other.rejected())
    await apply(
      eventsFor(tenant.id, randomUUID(), { sha256: 'a'.repeat(64), size: 1, mediaType: 'application/xml' }).validated(),
    )
    await apply({ ...events.validated(), invoiceId: 'SDI-not-a-uuid' })
    expect((await view(id)).status).toBe('received')
  })

  it('follows the events on Kafka', async () => {
    const prefix = `ingest-${randomUUID()}`
    const kafka = createKafkaClient({
      brokers: inject('kafkaBrokers').split(','),
      clientId: 'ingest-test',
      logger: silentLogger,
    })
    const definitions = [
      invoiceValidated,
      invoiceRejected,
      invoiceSigned,
      invoiceSigningFailed,
      invoiceTransmitted,
      invoiceTransmissionFailed,
    ] as const
    await ensureTopics(
      kafka,
      definitions.map((d) => ({ topic: `${prefix}.${d.type}.v${d.version}` })),
    )
    const groupId = uniqueGroup('ingest')
    const running = await consumeEvents({
      kafka,
      groupId,
      events: definitions,
      topicPrefix: prefix,
      logger: silentLogger,
      handle: (event, { log }) => onInvoiceProgress(event, { pool: database.pool, consumer: groupId }, log),
    })
    const publisher = createPublisher(kafka)
    try {
      await running.joined
      await publisher.connect()
      const { id, events } = await anInvoice()
      const messages = [events.validated(), events.signed()].map((event) => eventMessage(event, prefix))
      await publisher.publish(messages)
      // Two topics: signed may be applied before validated; the status is signed either way.
      await expect.poll(async () => (await view(id)).timeline.length, { timeout: 30_000 }).toBe(3)
      expect((await view(id)).status).toBe('signed')
    } finally {
      await running.stop()
      await publisher.disconnect()
    }
  })
})
