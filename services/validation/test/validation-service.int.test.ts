import { randomBytes, randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  invoiceReceived,
  invoiceRejected,
  invoiceValidated,
  type InvoiceReceived,
  type InvoiceRejected,
  type InvoiceValidated,
} from '@varco/contracts'
import { createPool, eventMessage, migrateSchema } from '@varco/db'
import { createDocumentStore, documentsMigrationsDir, documentsSchema, parseKeyring } from '@varco/documents'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics, type RunningConsumer } from '@varco/kafka'
import { createLogger } from '@varco/observability'
import { loadPemIdentity, signCades } from '@varco/signature'
import {
  createTestDatabase,
  createTestPki,
  sdiDir,
  startNodeProcess,
  uniqueGroup,
  validNumbers,
  validSampleInvoice,
  type NodeProcess,
  type TestDatabase,
  type TestPki,
} from '@varco/testing'

const logger = createLogger({ name: 'test', level: 'silent' })
const server = resolve(import.meta.dirname, '../src/server.ts')
const prefix = `validation-${randomUUID()}`
const keys = `k1:${randomBytes(32).toString('base64')}`
const kafka = createKafkaClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'validation-test', logger })

let db: TestDatabase
let pki: TestPki
let pool: pg.Pool
let service: NodeProcess
let outcomes: Array<InvoiceValidated | InvoiceRejected>
let listener: RunningConsumer
const publisher = createPublisher(kafka)

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({
    databaseUrl: db.url,
    schema: documentsSchema,
    dir: documentsMigrationsDir,
    logger,
    withOutbox: false,
  })
  pool = createPool({ connectionString: db.url, logger })
  const topics = [invoiceReceived, invoiceValidated, invoiceRejected].map((event) => ({
    topic: `${prefix}.${event.type}.v${event.version}`,
    partitions: 2,
  }))
  await ensureTopics(kafka, topics)
  await publisher.connect()
  pki = createTestPki()
  service = startNodeProcess(server, {
    SIGNATURE_TRUST_FILES: pki.ca.certFile,
    FATTURAPA_XSD_DIR: resolve(sdiDir, 'xsd'),
    DATABASE_URL: db.url,
    KAFKA_BROKERS: inject('kafkaBrokers'),
    DOCUMENT_KEYS: keys,
    DOCUMENT_ACTIVE_KEY: 'k1',
    TOPIC_PREFIX: prefix,
    VALIDATION_GROUP_ID: uniqueGroup('validation'),
  })
  await service.waitForLine((line) => line.includes('"msg":"validation service started"'))
  outcomes = []
  listener = await consumeEvents({
    kafka,
    groupId: uniqueGroup('outcomes'),
    events: [invoiceValidated, invoiceRejected],
    topicPrefix: prefix,
    logger,
    handle: async (event) => void outcomes.push(event),
  })
  await listener.joined
})

afterAll(async () => {
  await listener?.stop()
  await service?.kill()
  await publisher.disconnect()
  await pool?.end()
  await db?.drop()
  pki?.cleanup()
})

async function receive(bytes: string | Buffer, invoiceId: string = randomUUID()): Promise<InvoiceReceived> {
  const store = createDocumentStore({ pool, keyring: parseKeyring(keys, 'k1') })
  const document = await store.put(Buffer.from(bytes), 'application/xml')
  const event = invoiceReceived.create({
    source: 'test',
    tenantId: 'tenant-1',
    invoiceId,
    correlationId: randomUUID(),
    data: { document, receivedVia: 'api' },
  })
  await deliver(event)
  return event
}

async function deliver(event: InvoiceReceived): Promise<void> {
  await publisher.publish([eventMessage(event, prefix)])
}

/** The sample invoice as a .p7m signed by the test PKI's signer, or by one the service does not trust. */
async function signedInvoice(trusted: boolean): Promise<{ p7m: Buffer; xml: Buffer }> {
  const issued = trusted ? pki.signer : pki.otherCaSigner
  const xml = Buffer.from(validSampleInvoice())
  const p7m = await signCades(xml, loadPemIdentity({ key: issued.keyPem, certificates: issued.certPem }))
  return { p7m, xml }
}

const outcomesOf = (event: InvoiceReceived) => outcomes.filter((outcome) => outcome.causationId === event.id)

describe('the validation service', () => {
  it('validates a correct invoice and passes on its routing facts', async () => {
    const event = await receive(validSampleInvoice())
    await expect.poll(() => outcomesOf(event).length, { timeout: 30_000 }).toBe(1)
    const [outcome] = outcomesOf(event)
    expect(outcome).toMatchObject({
      type: 'invoice.validated',
      tenantId: 'tenant-1',
      invoiceId: event.invoiceId,
      correlationId: event.correlationId,
      data: {
        document: event.data.document,
        formato: 'FPR12',
        transmitter: { country: 'IT', id: validNumbers.transmitter },
        codiceDestinatario: 'ABC1234',
        documents: [expect.objectContaining({ tipoDocumento: 'TD01' })],
      },
    })
    expect(invoiceValidated.check(outcome)).toEqual([])
  })

  it('rejects a malformed file with SdI code 00200 and the path of each problem', async () => {
    const broken = validSampleInvoice().replace('<Divisa>EUR</Divisa>', '<Divisa>EURO</Divisa>')
    const event = await receive(broken)
    await expect.poll(() => outcomesOf(event).length, { timeout: 30_000 }).toBe(1)
    const [outcome] = outcomesOf(event) as [InvoiceRejected]
    expect(outcome.type).toBe('invoice.rejected')
    expect(outcome.data.errors).toContainEqual(
      expect.objectContaining({
        code: '00200',
        path: 'FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.Divisa',
      }),
    )
    const { rows } = await pool.query('SELECT outcome FROM validation.verdicts WHERE event_id = $1', [event.id])
    expect(rows).toEqual([{ outcome: 'rejected' }])
  })

  it('rejects content SdI would refuse, with the content code', async () => {
    const zeroRateWithoutNatura = validSampleInvoice().replace(
      /<AliquotaIVA>22\.00<\/AliquotaIVA>/,
      '<AliquotaIVA>0.00</AliquotaIVA>',
    )
    const event = await receive(zeroRateWithoutNatura)
    await expect.poll(() => outcomesOf(event).length, { timeout: 30_000 }).toBe(1)
    const codes = (outcomesOf(event)[0] as InvoiceRejected).data.errors.map((error) => error.code)
    expect(codes).toContain('00400')
  })

  it('has no second effect when the same event is delivered again', async () => {
    const event = await receive(validSampleInvoice())
    await expect.poll(() => outcomesOf(event).length, { timeout: 30_000 }).toBe(1)
    await deliver(event)
    await deliver(event)
    // Same key, same partition: once the marker's outcome is out, the redeliveries before it were handled.
    const marker = await receive(
      validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>124</Numero>'),
      event.invoiceId,
    )
    await expect.poll(() => outcomesOf(marker).length, { timeout: 30_000 }).toBe(1)
    expect(outcomesOf(event)).toHaveLength(1)
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM validation.verdicts WHERE event_id = $1', [
      event.id,
    ])
    expect(rows).toEqual([{ n: 1 }])
  })

  it('unwraps a trusted .p7m, validates its content, and passes on a reference to the content', async () => {
    const { p7m, xml } = await signedInvoice(true)
    const event = await receive(p7m)
    await expect.poll(() => outcomesOf(event).length, { timeout: 30_000 }).toBe(1)
    const [outcome] = outcomesOf(event) as [InvoiceValidated]
    expect(outcome.type).toBe('invoice.validated')
    expect(outcome.data.signedBy).toBe('cades')
    expect(outcome.data.document).toEqual(event.data.document)
    const store = createDocumentStore({ pool, keyring: parseKeyring(keys, 'k1') })
    expect((await store.get(outcome.data.content.sha256)).bytes.equals(xml)).toBe(true)
  })

  it('rejects a .p7m whose signer does not chain to the configured trust bundle with 00104', async () => {
    const event = await receive((await signedInvoice(false)).p7m)
    await expect.poll(() => outcomesOf(event).length, { timeout: 30_000 }).toBe(1)
    const [outcome] = outcomesOf(event) as [InvoiceRejected]
    expect(outcome.data.errors.map((error) => error.code)).toEqual(['00104'])
  })
})
