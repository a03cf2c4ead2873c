import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { invoiceNotification, type InvoiceNotification } from '@varco/contracts'
import { eventMessage } from '@varco/db'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics } from '@varco/kafka'
import { uniqueGroup } from '@varco/testing'
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
import { invoiceView, submitSample } from './helpers/invoices.ts'

// The API's side of SdI's lifecycle (FACTS.md §8): every path as GET /v1/invoices/{id} returns it, the receipts
// service's decisions projected whatever order and however often they arrive.

let database: IngestDatabase
let app: FastifyInstance
let tenant: TestTenant
const consumer = 'ingest-lifecycle-test'

beforeAll(async () => {
  database = await createIngestDatabase()
  app = await startApp(database)
  tenant = await createTenant(database.admin)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

interface Shown {
  status: string
  sdiId: string | null
  sdiRejection: { errors: unknown[]; resubmitBy: string; open: boolean } | null
  delivery: { deliveredAt: string } | null
  sdiOutcome: { esito: string } | null
  reservedAreaSince: string | null
  deadline: { secondsLeft: number | null } | null
  timeline: Array<{ type: string; detail?: { kind: string; decision: string; reason?: string; sequence: number } }>
}

const apply = (event: ProjectedEvent) => onInvoiceProgress(event, { pool: database.pool, consumer }, silentLogger)
const show = (id: string) => invoiceView<Shown>(app, tenant, id)
const kinds = (shown: Shown) => shown.timeline.map((e) => e.detail?.kind ?? e.type)

/** A transmitted invoice (FPR12 or FPA12) and the builder of its notifications. */
async function transmitted(sample?: string) {
  const invoice = await submitSample(app, database, tenant, sample)
  await apply(invoice.events.validated())
  await apply(invoice.events.signed())
  await apply(invoice.events.transmitted())
  return { ...invoice, notify: notificationsFor(tenant.id, invoice.id, invoice.events.fileName) }
}

const FPA = 'IT01234567890_FPA01.xml'
const step = (from: string, state: string, sequence: number) =>
  ({ decision: 'transition', from, state, sequence }) as InvoiceNotification['data']['lifecycle']
const STAGES = ['invoice.received', 'invoice.validated', 'invoice.signed', 'invoice.transmitted']

describe('the lifecycle, as the API shows it', () => {
  it('FPA12 NS: rejected, with every SdI error, the suggestion and the resubmission window', async () => {
    const invoice = await transmitted(FPA)
    const errors = [
      { code: '00404', description: 'Fattura duplicata' },
      { code: '00305', description: 'IdCodice non valido', suggestion: 'Verificare la partita IVA' },
    ]
    await apply(invoice.notify('NS', step('submitted', 'rejected', 1), { errors, resubmitBy: '2999-01-06' }))
    const shown = await show(invoice.id)
    expect(shown).toMatchObject({
      status: 'rejected',
      sdiId: '4242',
      sdiRejection: { errors, resubmitBy: '2999-01-06', open: true },
      deadline: { secondsLeft: null },
    })
    expect(kinds(shown)).toEqual([...STAGES, 'NS'])
  })

  it('FPA12 RC then NE EC01: delivered, then accepted, the outcome shown', async () => {
    const invoice = await transmitted(FPA)
    const deliveredAt = '2026-12-02T09:00:00.000Z'
    await apply(invoice.notify('RC', step('submitted', 'delivered', 1), { delivery: { deliveredAt } }))
    expect(await show(invoice.id)).toMatchObject({ status: 'delivered', delivery: { deliveredAt } })
    await apply(invoice.notify('NE', step('delivered', 'accepted', 2), { outcome: { esito: 'EC01' } }))
    const shown = await show(invoice.id)
    expect(shown).toMatchObject({ status: 'accepted', sdiOutcome: { esito: 'EC01' }, delivery: { deliveredAt } })
    expect(kinds(shown)).toEqual([...STAGES, 'RC', 'NE'])
    expect(shown.timeline.at(-1)).toMatchObject({
      detail: { kind: 'NE', decision: 'transition', sequence: 2, identificativoSdI: '4242', esito: 'EC01' },
    })
  })

  it('FPA12 RC then NE EC02: refused, with the description', async () => {
    const invoice = await transmitted(FPA)
    await apply(
      invoice.notify('RC', step('submitted', 'delivered', 1), { delivery: { deliveredAt: new Date().toISOString() } }),
    )
    await apply(
      invoice.notify('NE', step('delivered', 'refused', 2), {
        outcome: { esito: 'EC02', description: 'Importo errato' },
      }),
    )
    expect(await show(invoice.id)).toMatchObject({
      status: 'refused',
      sdiOutcome: { esito: 'EC02', description: 'Importo errato' },
    })
  })

  it('FPA12 RC then DT: terms expired', async () => {
    const invoice = await transmitted(FPA)
    await apply(invoice.notify('RC', step('submitted', 'delivered', 1)))
    await apply(invoice.notify('DT', step('delivered', 'terms_expired', 2)))
    const shown = await show(invoice.id)
    expect(shown.status).toBe('terms_expired')
    expect(kinds(shown)).toEqual([...STAGES, 'RC', 'DT'])
  })

  it('FPA12 MC, RC, NE: not delivered, delivered, accepted', async () => {
    const invoice = await transmitted(FPA)
    await apply(invoice.notify('MC', step('submitted', 'not_delivered', 1)))
    expect((await show(invoice.id)).status).toBe('not_delivered')
    await apply(invoice.notify('RC', step('not_delivered', 'delivered', 2)))
    expect((await show(invoice.id)).status).toBe('delivered')
    await apply(invoice.notify('NE', step('delivered', 'accepted', 3), { outcome: { esito: 'EC01' } }))
    const shown = await show(invoice.id)
    expect(shown.status).toBe('accepted')
    expect(kinds(shown)).toEqual([...STAGES, 'MC', 'RC', 'NE'])
  })

  it('FPA12 MC then AT: undeliverable, attested', async () => {
    const invoice = await transmitted(FPA)
    await apply(invoice.notify('MC', step('submitted', 'not_delivered', 1)))
    await apply(invoice.notify('AT', step('not_delivered', 'undeliverable_attested', 2)))
    const shown = await show(invoice.id)
    expect(shown.status).toBe('undeliverable_attested')
    expect(kinds(shown)).toEqual([...STAGES, 'MC', 'AT'])
  })

  it('FPR12 RC: delivered (terminal for B2B)', async () => {
    const invoice = await transmitted()
    await apply(
      invoice.notify('RC', step('submitted', 'delivered', 1), {
        delivery: { deliveredAt: new Date().toISOString(), recipientCode: 'ABC1234' },
      }),
    )
    const shown = await show(invoice.id)
    expect(shown).toMatchObject({ status: 'delivered', delivery: { recipientCode: 'ABC1234' } })
    expect(kinds(shown)).toEqual([...STAGES, 'RC'])
  })

  it("FPR12 MC: in the buyer's reserved area, since when", async () => {
    const invoice = await transmitted()
    const since = '2026-12-03T08:00:00.000Z'
    await apply(invoice.notify('MC', step('submitted', 'in_reserved_area', 1), { inReservedAreaSince: since }))
    expect(await show(invoice.id)).toMatchObject({ status: 'in_reserved_area', reservedAreaSince: since })
  })

  it('takes the highest sequence whatever order notifications arrive in, each once however often', async () => {
    const invoice = await transmitted(FPA)
    const mc = invoice.notify('MC', step('submitted', 'not_delivered', 1), {}, '2026-12-02T08:00:00.000Z')
    const rc = invoice.notify('RC', step('not_delivered', 'delivered', 2), {}, '2026-12-03T08:00:00.000Z')
    const ne = invoice.notify(
      'NE',
      step('delivered', 'accepted', 3),
      { outcome: { esito: 'EC01' } },
      '2026-12-04T08:00:00.000Z',
    )
    // The NE first, the MC last, each delivered twice.
    for (const event of [ne, rc, ne, mc, rc, mc]) await apply(event)
    const shown = await show(invoice.id)
    expect(shown.status).toBe('accepted')
    expect(kinds(shown)).toEqual([...STAGES, 'MC', 'RC', 'NE'])
  })

  it('shows a stale and a forbidden message in the timeline, with the reason, the state unchanged', async () => {
    const invoice = await transmitted(FPA)
    await apply(invoice.notify('RC', step('submitted', 'delivered', 1)))
    await apply(invoice.notify('NE', step('delivered', 'accepted', 2), { outcome: { esito: 'EC01' } }))
    await apply(invoice.notify('MC', { decision: 'stale', from: 'accepted', state: 'accepted', sequence: 3 }))
    const reason = 'NS after RC: SdI cannot reject a delivered file'
    await apply(
      invoice.notify(
        'NS',
        { decision: 'forbidden', from: 'accepted', state: 'accepted', sequence: 4, reason },
        {
          errors: [{ code: '00200', description: 'x' }],
        },
      ),
    )
    const shown = await show(invoice.id)
    expect(shown).toMatchObject({ status: 'accepted', sdiRejection: null })
    expect(shown.timeline.slice(-2).map((e) => e.detail)).toMatchObject([
      { kind: 'MC', decision: 'stale' },
      { kind: 'NS', decision: 'forbidden', reason },
    ])
  })

  it("ignores a notification about another tenant's invoice", async () => {
    const invoice = await transmitted(FPA)
    const other = notificationsFor('someone-else', invoice.id, invoice.events.fileName)
    await apply(other('NS', step('submitted', 'rejected', 1), { errors: [{ code: '00200', description: 'x' }] }))
    expect((await show(invoice.id)).status).toBe('transmitted')
  })

  it('follows invoice.notification on Kafka', async () => {
    const prefix = `ingest-${randomUUID()}`
    const kafka = createKafkaClient({
      brokers: inject('kafkaBrokers').split(','),
      clientId: 'ingest-test',
      logger: silentLogger,
    })
    await ensureTopics(kafka, [{ topic: `${prefix}.${invoiceNotification.type}.v1` }])
    const groupId = uniqueGroup('ingest')
    const running = await consumeEvents({
      kafka,
      groupId,
      events: [invoiceNotification],
      topicPrefix: prefix,
      logger: silentLogger,
      handle: (event, { log }) => onInvoiceProgress(event, { pool: database.pool, consumer: groupId }, log),
    })
    const publisher = createPublisher(kafka)
    try {
      await running.joined
      await publisher.connect()
      const invoice = await transmitted(FPA)
      const messages = [
        invoice.notify('NE', step('delivered', 'accepted', 2), { outcome: { esito: 'EC01' } }),
        invoice.notify('RC', step('submitted', 'delivered', 1)),
      ].map((event) => eventMessage(event, prefix))
      await publisher.publish(messages)
      await expect.poll(async () => (await show(invoice.id)).timeline.length, { timeout: 30_000 }).toBe(6)
      expect((await show(invoice.id)).status).toBe('accepted')
    } finally {
      await running.stop()
      await publisher.disconnect()
    }
  })
})
