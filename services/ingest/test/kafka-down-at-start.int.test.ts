import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { invoiceReceived, type InvoiceReceived } from '@varco/contracts'
import { consumeEvents, createKafkaClient, type RunningConsumer } from '@varco/kafka'
import {
  createTestDatabase,
  freePort,
  startLocalKafka,
  startNodeProcess,
  uniqueGroup,
  validNumbers,
  validSampleInvoice,
  type LocalKafka,
  type NodeProcess,
  type TestDatabase,
} from '@varco/testing'
import { silentLogger } from './helpers/app-harness.ts'

/*
 * A gateway whose broker is down when it starts still takes invoices: the ingest service starts, answers 202, keeps
 * the events in its outbox and publishes each once the broker appears. The broker here is started by the test, on
 * the port the service was given, after the service.
 */

const run = promisify(execFile)
const server = resolve(import.meta.dirname, '../src/server.ts')
const cli = resolve(import.meta.dirname, '../src/admin-cli.ts')

let db: TestDatabase
let service: NodeProcess
let broker: LocalKafka | undefined
let listener: RunningConsumer | undefined
let kafkaPort: number
let base: string
let key: string
const prefix = `ingest-${randomUUID()}`

const admin = async (...args: string[]) =>
  (
    await run(process.execPath, ['--conditions=@varco/source', cli, ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url },
    })
  ).stdout.trim()

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  const tenantId = (JSON.parse(await admin('tenant', 'create', 'Senza Kafka SRL')) as { id: string }).id
  await admin('transmitter', 'add', tenantId, `IT${validNumbers.transmitter}`)
  key = await admin('key', 'create', tenantId)
  kafkaPort = await freePort()
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  service = startNodeProcess(server, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    DOCUMENT_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    DOCUMENT_ACTIVE_KEY: 'k1',
    TOPIC_PREFIX: prefix,
    INGEST_GROUP_ID: uniqueGroup('ingest'),
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    OTEL_SDK_DISABLED: 'true',
  })
  await service.waitForLine((line) => line.includes('"msg":"ingest service started"'), 60_000)
}, 120_000)

afterAll(async () => {
  await listener?.stop()
  await service?.kill()
  await broker?.destroy()
  await db?.drop()
})

describe('the ingest service started while Kafka is down', () => {
  it('accepts invoices, then publishes them once the broker comes up', async () => {
    const ids: string[] = []
    for (const n of [1, 2, 3]) {
      const response = await fetch(`${base}/v1/invoices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' },
        body: validSampleInvoice().replace('<Numero>123</Numero>', `<Numero>NK-${n}</Numero>`),
      })
      expect(response.status).toBe(202)
      ids.push(((await response.json()) as { id: string }).id)
    }
    await service.waitForLine((line) => line.includes('Kafka unreachable'), 90_000)

    broker = await startLocalKafka({ port: kafkaPort })
    await service.waitForLine((line) => line.includes('Kafka reachable'), 90_000)
    const received: InvoiceReceived[] = []
    listener = await consumeEvents({
      kafka: createKafkaClient({ brokers: [broker.brokers], clientId: 'kafka-down-test', logger: silentLogger }),
      groupId: uniqueGroup('received'),
      events: [invoiceReceived],
      topicPrefix: prefix,
      logger: silentLogger,
      handle: async (event) => void received.push(event),
    })
    await expect.poll(() => received.map((e) => e.invoiceId).sort(), { timeout: 60_000 }).toEqual([...ids].sort())
  })
})
