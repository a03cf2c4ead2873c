import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type pg from 'pg'
import { inject } from 'vitest'
import {
  invoiceEvents,
  invoiceIncoming,
  invoiceIncomingTermsExpired,
  invoiceNotification,
  invoiceSigned,
  invoiceTransmitted,
  invoiceValidated,
  type InvoiceIncoming,
  type InvoiceIncomingTermsExpired,
  type InvoiceNotification,
} from '@varco/contracts'
import { createPool, eventMessage, migrateSchema } from '@varco/db'
import {
  createDocumentStore,
  documentsMigrationsDir,
  documentsSchema,
  parseKeyring,
  type DocumentStore,
} from '@varco/documents'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics, type RunningConsumer } from '@varco/kafka'
import { createLogger } from '@varco/observability'
import { createTestDatabase, startNodeProcess, uniqueGroup, type NodeProcess, type TestDatabase } from '@varco/testing'
import { sdiPki, type SdiPki } from './sdi-pki.ts'

/*
 * The receipts service as a process, with its own test database, topics and the certificates of an SdI channel;
 * a listener of what it emits; and a publisher standing in for the services whose events it consumes.
 */

const logger = createLogger({ name: 'test', level: 'silent' })
const receiptsMain = resolve(import.meta.dirname, '../../src/server.ts')
const adminMain = resolve(import.meta.dirname, '../../src/admin-cli.ts')

export type Emitted = InvoiceNotification | InvoiceIncoming | InvoiceIncomingTermsExpired

export interface OutboundInvoice {
  readonly invoiceId: string
  readonly tenantId: string
  readonly correlationId: string
}

export interface ReceiptsHarness {
  readonly pki: SdiPki
  readonly db: TestDatabase
  readonly prefix: string
  readonly keys: string
  readonly documents: DocumentStore
  readonly emitted: Emitted[]
  receipts: NodeProcess
  /** The receipts service's SdI endpoints, e.g. https://localhost:1234 */
  baseUrl: string
  start(): Promise<void>
  /** Publishes what validation, signing and transmission would say about an outbound invoice. */
  publish(
    invoice: OutboundInvoice,
    facts: { formato?: 'FPA12' | 'FPR12'; fileName?: string; identificativoSdI?: string },
  ): Promise<void>
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Runs the admin CLI; resolves with its exit code and output. */
  admin(args: readonly string[]): Promise<{ code: number | string; stdout: string; stderr: string }>
  notificationsOf(invoiceId: string): InvoiceNotification[]
  stop(): Promise<void>
}

const ref = () => ({ sha256: randomBytes(32).toString('hex'), size: 1, mediaType: 'application/xml' })

export async function startReceipts(env: Record<string, string> = {}): Promise<ReceiptsHarness> {
  const prefix = `receipts-${randomUUID()}`
  const keys = `k1:${randomBytes(32).toString('base64')}`
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'receipts-test', logger })
  const publisher = createPublisher(kafka)
  const db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({
    databaseUrl: db.url,
    schema: documentsSchema,
    dir: documentsMigrationsDir,
    logger,
    withOutbox: false,
  })
  const pool: pg.Pool = createPool({ connectionString: db.url, logger })
  const documents = createDocumentStore({ pool, keyring: parseKeyring(keys, 'k1') })
  const pki = sdiPki()
  const { tls, signing } = pki
  await ensureTopics(
    kafka,
    invoiceEvents.map((e) => ({ topic: `${prefix}.${e.type}.v${e.version}`, partitions: 2 })),
  )
  await publisher.connect()
  const emitted: Emitted[] = []
  const listener: RunningConsumer = await consumeEvents({
    kafka,
    groupId: uniqueGroup('receipts-out'),
    events: [invoiceNotification, invoiceIncoming, invoiceIncomingTermsExpired],
    topicPrefix: prefix,
    logger,
    handle: async (event) => void emitted.push(event),
  })
  await listener.joined
  const serviceEnv: Record<string, string> = {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: inject('kafkaBrokers'),
    DOCUMENT_KEYS: keys,
    DOCUMENT_ACTIVE_KEY: 'k1',
    TOPIC_PREFIX: prefix,
    RECEIPTS_GROUP_ID: 'receipts-under-test',
    RECEIPTS_SDI_HOST: '127.0.0.1',
    RECEIPTS_SDI_PORT: '0',
    RECEIPTS_SDI_CERT_FILE: pki.file('receipts-server.pem', tls.server.cert),
    RECEIPTS_SDI_KEY_FILE: pki.file('receipts-server.key', tls.server.key),
    RECEIPTS_SDI_CLIENT_CA_FILE: pki.file('tls-ca.pem', tls.ca.cert),
    SDI_MESSAGE_CA_FILES: signing.ca.certFile,
    INCOMING_SIGNER_TRUST_FILES: signing.ca.certFile,
    RECEIPTS_INTERNAL_PORT: '0',
    RECEIPTS_INTERNAL_TOKEN: randomBytes(32).toString('base64url'),
    OTEL_SDK_DISABLED: 'true',
    ...env,
  }
  const harness: ReceiptsHarness = {
    pki,
    db,
    prefix,
    keys,
    documents,
    emitted,
    receipts: undefined as unknown as NodeProcess,
    baseUrl: '',
    start: async () => {
      harness.receipts = startNodeProcess(receiptsMain, serviceEnv)
      const line = await harness.receipts.waitForLine((l) => l.includes('receipts SdI endpoints listening'))
      harness.baseUrl = `https://localhost:${(JSON.parse(line) as { sdiPort: number }).sdiPort}`
      await harness.receipts.waitForLine((l) => l.includes('"msg":"receipts service started"'))
    },
    publish: async (invoice, facts) => {
      const ids = { source: 'test', ...invoice }
      const events = []
      if (facts.formato !== undefined) {
        events.push(
          invoiceValidated.create({
            ...ids,
            data: {
              document: ref(),
              content: ref(),
              formato: facts.formato,
              transmitter: { country: 'IT', id: '01234567890' },
              seller: { country: 'IT', vatNumber: '01234567890', name: 'Alpha' },
              buyer: { country: 'IT', vatNumber: '09876543210', name: 'Beta' },
              codiceDestinatario: facts.formato === 'FPA12' ? 'AAAAAA' : 'ABC1234',
              documents: [{ tipoDocumento: 'TD01', numero: '1', data: '2026-01-01' }],
            },
          }),
        )
      }
      if (facts.fileName !== undefined && facts.identificativoSdI === undefined) {
        const document = ref()
        events.push(
          invoiceSigned.create({
            ...ids,
            data: {
              document,
              signed: document,
              fileName: facts.fileName,
              format: 'none',
              transmitter: { country: 'IT', id: '01234567890' },
            },
          }),
        )
      }
      if (facts.identificativoSdI !== undefined) {
        events.push(
          invoiceTransmitted.create({
            ...ids,
            data: {
              document: ref(),
              fileName: facts.fileName ?? 'IT01234567890_00000.xml',
              identificativoSdI: facts.identificativoSdI,
              dataOraRicezione: new Date().toISOString(),
              attempts: 1,
            },
          }),
        )
      }
      await publisher.publish(events.map((event) => eventMessage(event, prefix)))
    },
    query: async <T extends object>(sql: string, params: readonly unknown[] = []) =>
      (await pool.query<T>(sql, [...params])).rows,
    admin: (args) =>
      new Promise((done) => {
        const env = { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, LOG_LEVEL: 'silent' }
        execFile(process.execPath, ['--conditions=@varco/source', adminMain, ...args], { env }, (err, stdout, stderr) =>
          done({ code: err === null ? 0 : (err.code ?? 'failed'), stdout, stderr }),
        )
      }),
    notificationsOf: (invoiceId) =>
      emitted.filter((e): e is InvoiceNotification => e.type === 'invoice.notification' && e.invoiceId === invoiceId),
    stop: async () => {
      await listener.stop()
      await harness.receipts?.kill()
      await publisher.disconnect()
      await pool.end()
      await db.drop()
      pki.cleanup()
    },
  }
  await harness.start()
  return harness
}
