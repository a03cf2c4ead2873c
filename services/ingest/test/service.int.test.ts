import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { request } from 'node:http'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { eventMessage } from '@varco/db'
import { invoiceEvents, invoiceReceived, type InvoiceReceived } from '@varco/contracts'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics, type RunningConsumer } from '@varco/kafka'
import {
  createTestDatabase,
  freePort,
  startNodeProcess,
  uniqueGroup,
  validNumbers,
  validSampleInvoice,
  type NodeProcess,
  type TestDatabase,
} from '@varco/testing'
import { silentLogger } from './helpers/app-harness.ts'
import { eventsFor } from './helpers/events.ts'

const run = promisify(execFile)
const server = resolve(import.meta.dirname, '../src/server.ts')
const cli = resolve(import.meta.dirname, '../src/admin-cli.ts')
const prefix = `ingest-${randomUUID()}`
const kafka = createKafkaClient({
  brokers: inject('kafkaBrokers').split(','),
  clientId: 'ingest-service-test',
  logger: silentLogger,
})
const publisher = createPublisher(kafka)

let db: TestDatabase
let service: NodeProcess
let base: string
let key: string
let tenantId: string
let listener: RunningConsumer
const received: InvoiceReceived[] = []

async function admin(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--conditions=@varco/source', cli, ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url },
  })
  return stdout.trim()
}

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await ensureTopics(
    kafka,
    invoiceEvents.map((event) => ({ topic: `${prefix}.${event.type}.v${event.version}` })),
  )
  await publisher.connect()
  listener = await consumeEvents({
    kafka,
    groupId: uniqueGroup('received'),
    events: [invoiceReceived],
    topicPrefix: prefix,
    logger: silentLogger,
    handle: async (event) => void received.push(event),
  })
  await listener.joined

  // The operator's CLI, before the service ever ran: it migrates the schema itself.
  tenantId = (JSON.parse(await admin('tenant', 'create', 'Acme Fatture SRL')) as { id: string }).id
  expect(tenantId).toBe('acme-fatture-srl')
  await admin('transmitter', 'add', tenantId, `IT${validNumbers.transmitter}`)
  key = await admin('key', 'create', tenantId, '--label', 'integration test')
  expect(key).toMatch(/^vk_live_/)

  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  service = startNodeProcess(server, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: inject('kafkaBrokers'),
    DOCUMENT_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    DOCUMENT_ACTIVE_KEY: 'k1',
    TOPIC_PREFIX: prefix,
    INGEST_GROUP_ID: uniqueGroup('ingest'),
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    OTEL_SDK_DISABLED: 'true',
  })
  await service.waitForLine((line) => line.includes('"msg":"ingest service started"'))
})

afterAll(async () => {
  await listener?.stop()
  await service?.kill()
  await publisher.disconnect()
  await db?.drop()
})

const auth = () => ({ authorization: `Bearer ${key}` })

describe('the ingest service, as a process', () => {
  it('is live and ready', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200)
    const ready = await fetch(`${base}/health/ready`)
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: true, outboxRelay: true } })
    const openapi = await fetch(`${base}/openapi.json`)
    expect((await openapi.json()) as object).toMatchObject({ openapi: '3.1.0' })
  })

  it('accepts an invoice over HTTP, publishes invoice.received, and shows what the other services did', async () => {
    const response = await fetch(`${base}/v1/invoices`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/xml' },
      body: validSampleInvoice(),
    })
    expect(response.status).toBe(202)
    const { id, statusUrl } = (await response.json()) as { id: string; statusUrl: string }
    await expect.poll(() => received.filter((event) => event.invoiceId === id).length, { timeout: 30_000 }).toBe(1)
    const [event] = received.filter((e) => e.invoiceId === id)
    expect(event).toMatchObject({ tenantId, source: 'ingest', data: { receivedVia: 'api' } })

    const events = eventsFor(tenantId, id, event!.data.document)
    for (const next of [events.validated(), events.signed()]) {
      await publisher.publish([eventMessage(next, prefix)])
    }
    const status = async () =>
      ((await (await fetch(`${base}${statusUrl}`, { headers: auth() })).json()) as { status: string }).status
    await expect.poll(status, { timeout: 30_000 }).toBe('signed')
    const signed = await fetch(`${base}${statusUrl}/files/signed`, { headers: auth() })
    expect(signed.status).toBe(200)
    expect(await signed.text()).toBe(validSampleInvoice())
  })

  it('finishes a request in flight when told to stop, then exits', async () => {
    const body = Buffer.from(validSampleInvoice())
    const half = Math.floor(body.length / 2)
    const answer = new Promise<{ status: number; body: string }>((resolvePromise, reject) => {
      const req = request(
        `${base}/v1/invoices`,
        {
          method: 'POST',
          headers: { ...auth(), 'content-type': 'application/xml', 'content-length': body.length, connection: 'close' },
        },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk.toString()))
          res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: text }))
        },
      )
      req.on('error', reject)
      req.write(body.subarray(0, half))
      // The service is told to stop while the body is still arriving.
      setTimeout(() => {
        service.child.kill('SIGTERM')
        setTimeout(() => req.end(body.subarray(half)), 500)
      }, 200)
    })
    const { status, body: text } = await answer
    expect(status, text).toBe(202)
    expect(await service.exited).toBe(0)
    await expect(fetch(`${base}/health/live`)).rejects.toThrow()
  })
})
