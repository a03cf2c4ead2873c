import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:https'
import { resolve } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  invoiceSigned,
  invoiceTransmissionFailed,
  invoiceTransmitted,
  type InvoiceTransmissionFailed,
  type InvoiceTransmitted,
} from '@varco/contracts'
import { createPool, migrateSchema } from '@varco/db'
import { createDocumentStore, documentsMigrationsDir, documentsSchema, parseKeyring } from '@varco/documents'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics, type RunningConsumer } from '@varco/kafka'
import { createLogger } from '@varco/observability'
import { mountSdiServices, mutualTlsServerOptions, type NotificaRequest } from '@varco/sdi-soap'
import {
  createTestDatabase,
  startNodeProcess,
  uniqueGroup,
  validNumbers,
  validSampleInvoice,
  type NodeProcess,
  type TestDatabase,
} from '@varco/testing'
import { channelFiles, type ChannelFiles } from './helpers/channel-pki.ts'

const logger = createLogger({ name: 'test', level: 'silent' })
const simulatorMain = resolve(import.meta.dirname, '../../sdi-simulator/src/server.ts')
const transmissionMain = resolve(import.meta.dirname, '../src/server.ts')
const prefix = `transmission-${randomUUID()}`
const keys = `k1:${randomBytes(32).toString('base64')}`
const kafka = createKafkaClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'transmission-test', logger })
const publisher = createPublisher(kafka)

let db: TestDatabase
let pool: pg.Pool
let files: ChannelFiles
let simulator: NodeProcess
let transmission: NodeProcess
let control: string
let sdiUrl: string
let transmitterServer: Server
let listener: RunningConsumer
const notices: Array<NotificaRequest & { kind: string }> = []
const outcomes: Array<InvoiceTransmitted | InvoiceTransmissionFailed> = []

/** Where the simulator's messages arrive: a TrasmissioneFatture endpoint that records them. */
async function startTransmitterEndpoint(): Promise<string> {
  transmitterServer = createServer(mutualTlsServerOptions(files.tls.serverIdentity()))
  const record = (kind: string) => async (request: NotificaRequest) => void notices.push({ ...request, kind })
  await mountSdiServices(transmitterServer, {
    trasmissioneFatture: {
      handlers: {
        ricevutaConsegna: record('RC'),
        notificaMancataConsegna: record('MC'),
        notificaScarto: record('NS'),
        notificaEsito: record('NE'),
        notificaDecorrenzaTermini: record('DT'),
        attestazioneTrasmissioneFattura: record('AT'),
      },
    },
  })
  await new Promise<void>((done) => transmitterServer.listen(0, '127.0.0.1', done))
  const address = transmitterServer.address()
  return `https://localhost:${typeof address === 'object' && address !== null ? address.port : 0}/TrasmissioneFatture`
}

function startTransmission(sdiUrl: string): NodeProcess {
  const { tls } = files
  return startNodeProcess(transmissionMain, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: inject('kafkaBrokers'),
    DOCUMENT_KEYS: keys,
    DOCUMENT_ACTIVE_KEY: 'k1',
    TOPIC_PREFIX: prefix,
    TRANSMISSION_GROUP_ID: 'transmission-under-test',
    SDI_RICEVI_FILE_URL: sdiUrl,
    SDI_CLIENT_CERT_FILE: files.file('gw-client.pem', tls.client.cert),
    SDI_CLIENT_KEY_FILE: files.file('gw-client.key', tls.client.key),
    SDI_SERVER_CA_FILE: files.file('ca.pem', tls.ca.cert),
    SDI_CALL_TIMEOUT_MS: '1500',
    RETRY_INITIAL_MS: '200',
    RETRY_MAX_MS: '1000',
    BREAKER_THRESHOLD: '3',
    BREAKER_COOL_DOWN_MS: '500',
    RECONCILIATION_WINDOW_MS: '1000',
    POLL_INTERVAL_MS: '50',
    OTEL_SDK_DISABLED: 'true',
  })
}

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
  files = channelFiles()
  const { tls, signing } = files
  const transmitterUrl = await startTransmitterEndpoint()
  simulator = startNodeProcess(simulatorMain, {
    DATABASE_URL: db.url,
    SIMULATOR_PORT: '0',
    SIMULATOR_CONTROL_PORT: '0',
    SIMULATOR_SERVER_CERT_FILE: files.file('sdi-server.pem', tls.server.cert),
    SIMULATOR_SERVER_KEY_FILE: files.file('sdi-server.key', tls.server.key),
    SIMULATOR_CLIENT_CA_FILE: files.file('ca.pem', tls.ca.cert),
    SIMULATOR_CLIENT_CERT_FILE: files.file('sdi-client.pem', tls.client.cert),
    SIMULATOR_CLIENT_KEY_FILE: files.file('sdi-client.key', tls.client.key),
    SIMULATOR_PEER_CA_FILE: files.file('ca.pem', tls.ca.cert),
    SIMULATOR_SIGNER_CERT_FILE: signing.signer.certFile,
    SIMULATOR_SIGNER_KEY_FILE: signing.signer.keyFile,
    SIMULATOR_TRUST_FILES: signing.ca.certFile,
    SIMULATOR_TRANSMITTER_URL: transmitterUrl,
    SIMULATOR_TIME_SCALE: '86400',
    SIMULATOR_DISPATCH_INTERVAL_MS: '50',
  })
  const started = JSON.parse(await simulator.waitForLine((line) => line.includes('sdi simulator started'))) as {
    port: number
    controlPort: number
  }
  control = `http://127.0.0.1:${started.controlPort}/control`
  await ensureTopics(
    kafka,
    [invoiceSigned, invoiceTransmitted, invoiceTransmissionFailed].map((e) => ({
      topic: `${prefix}.${e.type}.v${e.version}`,
      partitions: 2,
    })),
  )
  await publisher.connect()
  sdiUrl = `https://localhost:${started.port}/SdIRiceviFile`
  transmission = startTransmission(sdiUrl)
  await transmission.waitForLine((line) => line.includes('"msg":"transmission service started"'))
  listener = await consumeEvents({
    kafka,
    groupId: uniqueGroup('outcomes'),
    events: [invoiceTransmitted, invoiceTransmissionFailed],
    topicPrefix: prefix,
    logger,
    handle: async (event) => void outcomes.push(event),
  })
  await listener.joined
})

afterAll(async () => {
  await listener?.stop()
  await transmission?.kill()
  await simulator?.kill()
  await publisher.disconnect()
  transmitterServer?.close()
  await pool?.end()
  await db?.drop()
  files?.cleanup()
})

const put = async (path: string, body: unknown) => {
  const response = await fetch(`${control}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.ok).toBe(true)
}
const stats = async () =>
  (await (await fetch(`${control}/stats`)).json()) as {
    received: number
    accepted: number
    refusedAsDuplicateName: number
  }
const filesNamed = async (name: string) =>
  (await (await fetch(`${control}/files?name=${name}`)).json()) as Array<{ accepted: boolean; errorCodes: string[] }>

let progressive = 0
/** Publishes invoice.signed for a valid FPR12 sample with its own number and file name. */
async function signedInvoice(): Promise<{ invoiceId: string; fileName: string }> {
  const n = ++progressive
  const xml = validSampleInvoice().replace('<Numero>123</Numero>', `<Numero>T-${n}</Numero>`)
  const store = createDocumentStore({ pool, keyring: parseKeyring(keys, 'k1') })
  const document = await store.put(Buffer.from(xml), 'application/xml')
  const fileName = `IT${validNumbers.transmitter}_${n.toString(36).toUpperCase().padStart(5, '0')}.xml`
  const event = invoiceSigned.create({
    source: 'test',
    tenantId: 'tenant-1',
    invoiceId: randomUUID(),
    correlationId: randomUUID(),
    data: {
      document,
      signed: document,
      fileName,
      format: 'none',
      transmitter: { country: 'IT', id: validNumbers.transmitter },
      transmitBy: '2099-12-31',
    },
  })
  await publisher.publish([
    {
      topic: `${prefix}.invoice.signed.v1`,
      key: event.invoiceId,
      value: JSON.stringify(event),
      headers: { 'event-id': event.id, 'event-type': event.type, 'event-version': '1' },
    },
  ])
  return { invoiceId: event.invoiceId, fileName }
}

const outcomeOf = (invoiceId: string) => outcomes.filter((o) => o.invoiceId === invoiceId)

describe('the transmission service against the SdI simulator, over mutual TLS', () => {
  it('transmits a signed invoice once; SdI answers with its id and later sends an RC', async () => {
    const invoice = await signedInvoice()
    await expect.poll(() => outcomeOf(invoice.invoiceId).length, { timeout: 30_000 }).toBe(1)
    const [outcome] = outcomeOf(invoice.invoiceId) as [InvoiceTransmitted]
    expect(outcome).toMatchObject({ type: 'invoice.transmitted', data: { fileName: invoice.fileName, attempts: 1 } })
    expect(await filesNamed(invoice.fileName)).toEqual([expect.objectContaining({ accepted: true })])
    await expect
      .poll(() => notices.filter((n) => n.IdentificativoSdI === outcome.data.identificativoSdI).map((n) => n.kind), {
        timeout: 30_000,
      })
      .toEqual(['RC'])
  })

  it('rides out SdI being down and an EI02 burst: every invoice accepted exactly once', async () => {
    await put('/faults', { mode: 'unavailable', calls: 4 })
    const first = await Promise.all([signedInvoice(), signedInvoice(), signedInvoice()])
    await expect.poll(() => first.every((i) => outcomeOf(i.invoiceId).length === 1), { timeout: 60_000 }).toBe(true)
    await put('/faults', { mode: 'ei02', calls: 3 })
    const second = await Promise.all([signedInvoice(), signedInvoice()])
    await expect.poll(() => second.every((i) => outcomeOf(i.invoiceId).length === 1), { timeout: 60_000 }).toBe(true)
    for (const invoice of [...first, ...second]) {
      expect(outcomeOf(invoice.invoiceId)[0]?.type).toBe('invoice.transmitted')
      const received = await filesNamed(invoice.fileName)
      expect(received.filter((f) => f.accepted)).toHaveLength(1)
    }
    expect(outcomes.filter((o) => o.type === 'invoice.transmitted' && o.data.attempts > 1).length).toBeGreaterThan(0)
  })

  it('survives a SIGKILL between the call and the recording of its answer: SdI accepts the file once', async () => {
    await put('/faults', { mode: 'none', delayMs: 2500 })
    const before = await stats()
    const invoice = await signedInvoice()
    // SdI has taken the file and is slow to answer: the transmission service dies before it hears back.
    await expect.poll(async () => (await stats()).accepted, { timeout: 30_000 }).toBe(before.accepted + 1)
    await transmission.kill('SIGKILL')
    await put('/faults', { mode: 'none', delayMs: 0 })
    transmission = startTransmission(sdiUrl)
    await expect.poll(() => outcomeOf(invoice.invoiceId).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1)
    const received = await filesNamed(invoice.fileName)
    expect(received.filter((f) => f.accepted)).toHaveLength(1)
    expect(received.filter((f) => !f.accepted).flatMap((f) => f.errorCodes)).toEqual(['00002'])
    const after = await stats()
    expect(after.accepted).toBe(before.accepted + 1)
    expect(after.refusedAsDuplicateName).toBe(before.refusedAsDuplicateName + 1)
  })
})
