import { randomBytes, randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { invoiceEvents, invoiceTransmitted, type InvoiceTransmitted } from '@varco/contracts'
import { eventMessage } from '@varco/db'
import { createKafkaClient, createPublisher, ensureTopics } from '@varco/kafka'
import { createLogger } from '@varco/observability'
import { createTestDatabase, startNodeProcess, type NodeProcess, type TestDatabase } from '@varco/testing'
import { sdiPki } from '../../helpers/sdi-pki.ts'

/*
 * The receipts service as a real process (its server.ts, composing the webhook part), on a database and topics of
 * its own, with an HTTP client of its internal API and a publisher standing in for the services that emit events.
 */

const logger = createLogger({ name: 'test', level: 'silent' })
const receiptsMain = resolve(import.meta.dirname, '../../../src/server.ts')

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number
  readonly body: T
  readonly contentType: string
}

export interface ReceiptsUnderTest {
  readonly token: string
  process: NodeProcess
  /** A request to the internal API, with the token unless `token` says otherwise. */
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<ApiResponse<T>>
  /** Publishes an invoice.transmitted of `tenantId` (a new invoice id unless given) as the transmission service would. */
  publish(tenantId: string, invoiceId?: string): Promise<InvoiceTransmitted>
  /** SIGKILLs the process. */
  crash(): Promise<void>
  /** Starts a new process with the same configuration (after a crash). */
  restart(): Promise<void>
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>
  stop(): Promise<void>
}

export async function startReceipts(env: Record<string, string>): Promise<ReceiptsUnderTest> {
  const prefix = `webhooks-${randomUUID()}`
  const token = randomBytes(32).toString('base64url')
  const db: TestDatabase = await createTestDatabase(inject('databaseUrl'))
  const pool = new pg.Pool({ connectionString: db.url, max: 2 })
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'webhooks-test', logger })
  const topics = invoiceEvents.map((e) => ({ topic: `${prefix}.${e.type}.v${e.version}`, partitions: 2 }))
  // The shared broker sometimes answers a metadata request for a topic just created with "does not host this
  // topic-partition" (kafkajs' waitForLeaders); creating again is harmless.
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureTopics(kafka, topics)
      break
    } catch (err) {
      if (attempt === 3) throw err
    }
  }
  const publisher = createPublisher(kafka)
  await publisher.connect()

  const randomKey = randomBytes(32).toString('base64')
  // The service always serves SdI's endpoints too: they need their certificates, though these tests never call them.
  const pki = sdiPki()
  const { tls, signing } = pki
  const sdiEnv = {
    RECEIPTS_SDI_HOST: '127.0.0.1',
    RECEIPTS_SDI_PORT: '0',
    RECEIPTS_SDI_CERT_FILE: pki.file('receipts-server.pem', tls.server.cert),
    RECEIPTS_SDI_KEY_FILE: pki.file('receipts-server.key', tls.server.key),
    RECEIPTS_SDI_CLIENT_CA_FILE: pki.file('tls-ca.pem', tls.ca.cert),
    SDI_MESSAGE_CA_FILES: signing.ca.certFile,
    INCOMING_SIGNER_TRUST_FILES: signing.ca.certFile,
  }
  // 0 the first time; a restart after a crash takes the same port again.
  let port = 0
  const start = async () => {
    const started = startNodeProcess(receiptsMain, {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: inject('kafkaBrokers'),
      DOCUMENT_KEYS: `k1:${randomKey}`,
      DOCUMENT_ACTIVE_KEY: 'k1',
      TOPIC_PREFIX: prefix,
      ...sdiEnv,
      RECEIPTS_INTERNAL_PORT: String(port),
      RECEIPTS_INTERNAL_TOKEN: token,
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      OTEL_SDK_DISABLED: 'true',
      ...env,
    })
    const line = await started.waitForLine((l) => l.includes('webhooks internal API listening'))
    port = (JSON.parse(line) as { port: number }).port
    await started.waitForLine((l) => l.includes('"msg":"receipts service started"'))
    return started
  }
  const receipts: ReceiptsUnderTest = {
    token,
    process: await start(),
    async api<T>(method: string, path: string, body?: unknown, bearer: string = token) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          ...(bearer === '' ? {} : { authorization: `Bearer ${bearer}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return {
        status: response.status,
        body: (text === '' ? {} : JSON.parse(text)) as T,
        contentType: response.headers.get('content-type') ?? '',
      }
    },
    async publish(tenantId, invoiceId = `inv-${randomUUID()}`) {
      const event = invoiceTransmitted.create({
        source: 'transmission',
        tenantId,
        invoiceId,
        correlationId: `corr-${randomUUID()}`,
        data: {
          document: { sha256: 'a'.repeat(64), size: 100, mediaType: 'application/xml' },
          fileName: 'IT01234567890_00001.xml',
          identificativoSdI: String(Math.floor(Math.random() * 1e9)),
          dataOraRicezione: new Date().toISOString(),
          attempts: 1,
        },
      })
      await publisher.publish([eventMessage(event, prefix)])
      return event
    },
    async crash() {
      await receipts.process.kill('SIGKILL')
    },
    async restart() {
      receipts.process = await start()
    },
    query: async <T extends object>(sql: string, params: readonly unknown[] = []) =>
      (await pool.query<T>(sql, [...params])).rows,
    async stop() {
      await receipts.process.kill('SIGTERM')
      await publisher.disconnect()
      await pool.end()
      await db.drop()
      pki.cleanup()
    },
  }
  return receipts
}
