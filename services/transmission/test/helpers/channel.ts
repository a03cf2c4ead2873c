import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:https'
import { resolve } from 'node:path'
import type pg from 'pg'
import { inject } from 'vitest'
import {
  invoiceNotification,
  invoiceOutcomeRequested,
  invoiceOutcomeSent,
  invoiceSigned,
  invoiceTransmissionFailed,
  invoiceTransmitted,
  type InvoiceTransmissionFailed,
  type EnvelopeHeader,
  type InvoiceOutcomeSent,
  type InvoiceTransmitted,
} from '@varco/contracts'
import { createPool, eventMessage, migrateSchema } from '@varco/db'
import { createDocumentStore, documentsMigrationsDir, documentsSchema, parseKeyring } from '@varco/documents'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics, type RunningConsumer } from '@varco/kafka'
import { createLogger } from '@varco/observability'
import {
  createSdIRiceviNotificaClient,
  mountSdiServices,
  mutualTlsServerOptions,
  type NotificaEsitoResponse,
  type NotificaRequest,
  type RiceviFattureRequest,
} from '@varco/sdi-soap'
import { createTestDatabase, startNodeProcess, uniqueGroup, type NodeProcess, type TestDatabase } from '@varco/testing'
import { channelFiles, type ChannelFiles } from './channel-pki.ts'

/*
 * An SdI channel for tests, every part a real process or server: the SdI simulator, the transmission service, a
 * TrasmissioneFatture endpoint that records what SdI sends, and a listener of the transmission outcomes.
 */

const logger = createLogger({ name: 'test', level: 'silent' })
const simulatorMain = resolve(import.meta.dirname, '../../../sdi-simulator/src/server.ts')
const transmissionMain = resolve(import.meta.dirname, '../../src/server.ts')

export type Notice = NotificaRequest & { readonly kind: string }

export interface SignedInvoice {
  readonly invoiceId: string
  readonly fileName: string
}

export interface Channel {
  readonly notices: Notice[]
  /** Invoices SdI delivered to our RicezioneFatture (the passive cycle); while `recipientDown`, it refuses them. */
  readonly deliveries: RiceviFattureRequest[]
  recipientDown: boolean
  /** Our RicezioneFatture endpoint's URL, to register a recipient code at the simulator. */
  readonly ricezioneUrl: string
  /** Sends a recipient's outcome (EC) to the simulator's SdIRiceviNotifica. */
  notificaEsito(identificativoSdI: string, fileName: string, ec: Buffer): Promise<NotificaEsitoResponse>
  post(path: string, body: unknown): Promise<void>
  readonly outcomes: Array<InvoiceTransmitted | InvoiceTransmissionFailed>
  /** What SdI answered to the clients' outcomes the transmission service sent (invoice.outcome_sent). */
  readonly answers: InvoiceOutcomeSent[]
  readonly files: ChannelFiles
  /** The transmission service; restart() replaces it (after a kill). */
  transmission: NodeProcess
  restartTransmission(): void
  /** PUT on the simulator's control API. */
  put(path: string, body: unknown): Promise<void>
  get<T>(path: string): Promise<T>
  /** Reads the gateway's own store (the transmission service's schema is in the same test database). */
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Publishes an event as the service that owns it would (its relay), on this channel's topics. */
  publish(event: EnvelopeHeader): Promise<void>
  /** Publishes invoice.signed for `file`, stored in the document store. */
  sign(file: Buffer, fileName: string): Promise<SignedInvoice>
  stop(): Promise<void>
}

const recordingHandlers = (notices: Notice[]) => {
  const record = (kind: string) => async (request: NotificaRequest) => void notices.push({ ...request, kind })
  return {
    ricevutaConsegna: record('RC'),
    notificaMancataConsegna: record('MC'),
    notificaScarto: record('NS'),
    notificaEsito: record('NE'),
    notificaDecorrenzaTermini: record('DT'),
    attestazioneTrasmissioneFattura: record('AT'),
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  return typeof address === 'object' && address !== null ? address.port : 0
}

export interface ChannelOptions {
  /** How long an invoice caught mid-call waits for SdI's notification before it is sent again (default 1 s). */
  readonly reconciliationWindowMs?: number
}

export async function startChannel(options: ChannelOptions = {}): Promise<Channel> {
  const prefix = `transmission-${randomUUID()}`
  const keys = `k1:${randomBytes(32).toString('base64')}`
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'channel-test', logger })
  const publisher = createPublisher(kafka)
  const db: TestDatabase = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({
    databaseUrl: db.url,
    schema: documentsSchema,
    dir: documentsMigrationsDir,
    logger,
    withOutbox: false,
  })
  const pool: pg.Pool = createPool({ connectionString: db.url, logger })
  const documents = createDocumentStore({ pool, keyring: parseKeyring(keys, 'k1') })
  const files = channelFiles()
  const { tls, signing } = files
  const notices: Notice[] = []
  const outcomes: Array<InvoiceTransmitted | InvoiceTransmissionFailed> = []
  const answers: InvoiceOutcomeSent[] = []

  const deliveries: RiceviFattureRequest[] = []
  const transmitterServer = createServer(mutualTlsServerOptions(tls.serverIdentity()))
  await mountSdiServices(transmitterServer, {
    trasmissioneFatture: { handlers: recordingHandlers(notices) },
    ricezioneFatture: {
      handlers: {
        riceviFatture: async (request) => {
          if (channel.recipientDown) throw new Error('recipient down')
          deliveries.push(request)
          return { Esito: 'ER01' }
        },
        notificaDecorrenzaTermini: async (request) => void notices.push({ ...request, kind: 'DT-recipient' }),
      },
    },
  })
  const ourBase = `https://localhost:${await listen(transmitterServer)}`
  const transmitterUrl = `${ourBase}/TrasmissioneFatture`

  const simulator = startNodeProcess(simulatorMain, {
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
  const control = `http://127.0.0.1:${started.controlPort}/control`
  const sdiUrl = `https://localhost:${started.port}/SdIRiceviFile`
  const notificaClient = await createSdIRiceviNotificaClient({
    endpoint: `https://localhost:${started.port}/SdIRiceviNotifica`,
    tls: tls.clientIdentity(),
  })

  await ensureTopics(
    kafka,
    [
      invoiceSigned,
      invoiceTransmitted,
      invoiceTransmissionFailed,
      invoiceNotification,
      invoiceOutcomeRequested,
      invoiceOutcomeSent,
    ].map((e) => ({
      topic: `${prefix}.${e.type}.v${e.version}`,
      partitions: 2,
    })),
  )
  await publisher.connect()
  const startTransmission = () =>
    startNodeProcess(transmissionMain, {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: inject('kafkaBrokers'),
      DOCUMENT_KEYS: keys,
      DOCUMENT_ACTIVE_KEY: 'k1',
      TOPIC_PREFIX: prefix,
      TRANSMISSION_GROUP_ID: 'transmission-under-test',
      SDI_RICEVI_FILE_URL: sdiUrl,
      SDI_RICEVI_NOTIFICA_URL: `https://localhost:${started.port}/SdIRiceviNotifica`,
      SDI_CLIENT_CERT_FILE: files.file('gw-client.pem', tls.client.cert),
      SDI_CLIENT_KEY_FILE: files.file('gw-client.key', tls.client.key),
      SDI_SERVER_CA_FILE: files.file('ca.pem', tls.ca.cert),
      SDI_CALL_TIMEOUT_MS: '1500',
      RETRY_INITIAL_MS: '200',
      RETRY_MAX_MS: '1000',
      BREAKER_THRESHOLD: '3',
      BREAKER_COOL_DOWN_MS: '500',
      RECONCILIATION_WINDOW_MS: String(options.reconciliationWindowMs ?? 1000),
      POLL_INTERVAL_MS: '50',
      OTEL_SDK_DISABLED: 'true',
    })
  const channel: Channel = {
    notices,
    deliveries,
    recipientDown: false,
    ricezioneUrl: `${ourBase}/RicezioneFatture`,
    notificaEsito: (identificativoSdI, fileName, ec) =>
      notificaClient.notificaEsito({ IdentificativoSdI: identificativoSdI, NomeFile: fileName, File: ec }),
    post: async (path, body) => {
      const response = await fetch(`${control}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`)
    },
    outcomes,
    answers,
    files,
    transmission: startTransmission(),
    restartTransmission: () => void (channel.transmission = startTransmission()),
    put: async (path, body) => {
      const response = await fetch(`${control}${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`)
    },
    get: async <T>(path: string) => (await (await fetch(`${control}${path}`)).json()) as T,
    query: async <T extends object>(sql: string, params: readonly unknown[] = []) =>
      (await pool.query<T>(sql, [...params])).rows,
    publish: (event) => publisher.publish([eventMessage(event, prefix)]),
    sign: async (file, fileName) => {
      const document = await documents.put(
        file,
        fileName.endsWith('.p7m') ? 'application/pkcs7-mime' : 'application/xml',
      )
      const event = invoiceSigned.create({
        source: 'test',
        tenantId: 'tenant-1',
        invoiceId: randomUUID(),
        correlationId: randomUUID(),
        data: {
          document,
          signed: document,
          fileName,
          format: fileName.endsWith('.p7m') ? 'cades' : 'none',
          transmitter: { country: 'IT', id: fileName.slice(2, fileName.indexOf('_')) },
          transmitBy: '2099-12-31',
        },
      })
      await publisher.publish([eventMessage(event, prefix)])
      return { invoiceId: event.invoiceId, fileName }
    },
    stop: async () => {
      await listener.stop()
      await channel.transmission.kill()
      notificaClient.close()
      await simulator.kill()
      await publisher.disconnect()
      transmitterServer.close()
      await pool.end()
      await db.drop()
      files.cleanup()
    },
  }
  await channel.transmission.waitForLine((line) => line.includes('"msg":"transmission service started"'))
  const listener: RunningConsumer = await consumeEvents({
    kafka,
    groupId: uniqueGroup('outcomes'),
    events: [invoiceTransmitted, invoiceTransmissionFailed, invoiceOutcomeSent],
    topicPrefix: prefix,
    logger,
    handle: async (event) => void (event.type === 'invoice.outcome_sent' ? answers.push(event) : outcomes.push(event)),
  })
  await listener.joined
  return channel
}
