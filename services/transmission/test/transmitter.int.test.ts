import { randomBytes, randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createPool, migrateSchema } from '@varco/db'
import {
  createDocumentStore,
  documentsMigrationsDir,
  documentsSchema,
  parseKeyring,
  type DocumentStore,
} from '@varco/documents'
import { createLogger } from '@varco/observability'
import { createTestDatabase, type TestDatabase } from '@varco/testing'
import type { CallOutcome } from '../src/domain/attempts.ts'
import { claimNext, queueTransmission, recoverInterrupted } from '../src/adapters/pg/transmissions.ts'
import { createTransmitter, type TransmitDeps } from '../src/use-cases/transmit-next.ts'

const schema = 'transmission'
const logger = createLogger({ name: 'test', level: 'silent' })
let db: TestDatabase
let pool: pg.Pool
let documents: DocumentStore
let clock = new Date('2026-12-01T09:00:00Z')
const now = () => clock
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms))

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({
    databaseUrl: db.url,
    schema: documentsSchema,
    dir: documentsMigrationsDir,
    logger,
    withOutbox: false,
  })
  await migrateSchema({ databaseUrl: db.url, schema, dir: resolve(import.meta.dirname, '../migrations'), logger })
  pool = createPool({ connectionString: db.url, logger })
  documents = createDocumentStore({ pool, keyring: parseKeyring(`k1:${randomBytes(32).toString('base64')}`, 'k1') })
})
afterAll(async () => {
  await pool?.end()
  await db?.drop()
})

let progressive = 0
async function queued(deadline = new Date(clock.getTime() + 12 * 86_400_000)) {
  const invoiceId = randomUUID()
  const fileName = `IT01234567890_${String(++progressive).padStart(5, '0')}.xml`
  const document = await documents.put(Buffer.from(`<f>${invoiceId}</f>`), 'application/xml')
  const row = {
    invoiceId,
    tenantId: 't1',
    correlationId: randomUUID(),
    signedEventId: randomUUID(),
    fileName,
    document,
    deadline,
  }
  await queueTransmission(pool, schema, row, clock)
  return row
}

/** An SdI channel answering from a script, and counting what it was sent. */
function scriptedChannel(script: (fileName: string, call: number) => CallOutcome) {
  const calls: string[] = []
  return {
    calls,
    channel: {
      riceviFile: async (fileName: string) => {
        calls.push(fileName)
        return script(fileName, calls.filter((name) => name === fileName).length)
      },
    },
  }
}

const accepted = (id: string): CallOutcome => ({
  kind: 'accepted',
  identificativoSdI: id,
  dataOraRicezione: clock.toISOString(),
})
const unavailable: CallOutcome = { kind: 'unavailable', reason: 'EI02', detail: 'SdI unavailable' }

function deps(channel: TransmitDeps['channel'], overrides: Partial<TransmitDeps> = {}): TransmitDeps {
  return {
    pool,
    schema,
    documents,
    channel,
    retry: { backoff: { initialMs: 1000, maxMs: 60_000 } },
    breaker: { threshold: 3, coolDownMs: 30_000 },
    rate: { ratePerSecond: 1000, burst: 1000 },
    now,
    ...overrides,
  }
}

async function rowOf(invoiceId: string) {
  const { rows } = await pool.query(
    `SELECT status, attempts, identificativo_sdi, failure_cause FROM ${schema}.transmissions WHERE invoice_id = $1`,
    [invoiceId],
  )
  return rows[0] as {
    status: string
    attempts: number
    identificativo_sdi: string | null
    failure_cause: string | null
  }
}

async function outboxTypes(invoiceId: string): Promise<string[]> {
  const { rows } = await pool.query<{ type: string }>(
    `SELECT event_type AS type FROM ${schema}.outbox WHERE message_key = $1 ORDER BY id`,
    [invoiceId],
  )
  return rows.map((row) => row.type)
}

async function drain(turn: () => Promise<{ kind: string }>): Promise<void> {
  while ((await turn()).kind === 'called');
}

describe('the transmission loop', () => {
  it('records SdI’s id and emits invoice.transmitted when SdI takes the file', async () => {
    const invoice = await queued()
    const { channel } = scriptedChannel(() => accepted('1001'))
    await drain(createTransmitter(deps(channel)).turn)
    expect(await rowOf(invoice.invoiceId)).toEqual({
      status: 'transmitted',
      attempts: 1,
      identificativo_sdi: '1001',
      failure_cause: null,
    })
    expect(await outboxTypes(invoice.invoiceId)).toEqual(['invoice.transmitted'])
  })

  it('ends the invoice on EI03 with that cause, and never calls again', async () => {
    const invoice = await queued()
    const { channel, calls } = scriptedChannel(() => ({ kind: 'refused', errore: 'EI03' }))
    const { turn } = createTransmitter(deps(channel))
    await drain(turn)
    advance(3_600_000)
    await drain(turn)
    expect(calls.filter((name) => name === invoice.fileName)).toHaveLength(1)
    expect(await rowOf(invoice.invoiceId)).toMatchObject({ status: 'failed', failure_cause: 'EI03' })
    expect(await outboxTypes(invoice.invoiceId)).toEqual(['invoice.transmission_failed'])
  })

  it('retries EI02 after the backoff, under the same name, until SdI takes it', async () => {
    const invoice = await queued()
    const { channel, calls } = scriptedChannel((_, call) => (call < 3 ? unavailable : accepted('1002')))
    const { turn } = createTransmitter(deps(channel, { breaker: { threshold: 100, coolDownMs: 1 } }))
    for (let i = 0; i < 3; i++) {
      await drain(turn)
      advance(60_000)
    }
    expect(calls.filter((name) => name === invoice.fileName)).toHaveLength(3)
    expect(await rowOf(invoice.invoiceId)).toMatchObject({
      status: 'transmitted',
      attempts: 3,
      identificativo_sdi: '1002',
    })
  })

  it('holds every call while the circuit is open, then lets one trial through', async () => {
    await pool.query(`UPDATE ${schema}.transmissions SET status = 'failed' WHERE status <> 'transmitted'`)
    const invoices = [await queued(), await queued(), await queued(), await queued()]
    let sdiUp = false
    const { channel, calls } = scriptedChannel(() =>
      sdiUp ? accepted(String(Math.random()).slice(2, 10)) : unavailable,
    )
    const { turn } = createTransmitter(deps(channel, { breaker: { threshold: 2, coolDownMs: 30_000 } }))
    await drain(turn)
    expect(calls).toHaveLength(2)
    expect(await turn()).toMatchObject({ kind: 'held' })
    sdiUp = true
    advance(30_000)
    await drain(turn)
    const statuses = await Promise.all(invoices.map(async (i) => (await rowOf(i.invoiceId)).status))
    expect(statuses.filter((s) => s === 'transmitted').length).toBeGreaterThanOrEqual(2)
  })

  it('fails an invoice whose next retry would fall after its legal deadline', async () => {
    const invoice = await queued(new Date(clock.getTime() + 500))
    const { channel } = scriptedChannel(() => unavailable)
    await createTransmitter(deps(channel)).turn()
    expect(await rowOf(invoice.invoiceId)).toMatchObject({ status: 'failed', failure_cause: 'deadline_passed' })
  })

  it('after a crash mid-call, waits the reconciliation window, then sends again under the same name', async () => {
    await pool.query(`UPDATE ${schema}.transmissions SET status = 'failed' WHERE status <> 'transmitted'`)
    const invoice = await queued()
    // The process claimed it (the attempt is on record) and died before hearing SdI's answer.
    const interrupted = await claimNext(pool, schema, clock)
    expect(interrupted?.invoiceId).toBe(invoice.invoiceId)
    advance(60_000)
    expect(await recoverInterrupted(pool, schema, new Date(clock.getTime() - 30_000), 600_000)).toBe(1)
    const { channel, calls } = scriptedChannel(() => accepted('1003'))
    const { turn } = createTransmitter(deps(channel))
    expect(await turn()).toEqual({ kind: 'idle' })
    advance(540_000)
    await drain(turn)
    expect(calls).toEqual([invoice.fileName])
    expect(await rowOf(invoice.invoiceId)).toMatchObject({ status: 'transmitted', attempts: 2 })
  })

  it('lets several workers share the queue: each invoice is called once', async () => {
    await pool.query(`UPDATE ${schema}.transmissions SET status = 'failed' WHERE status <> 'transmitted'`)
    const invoices = await Promise.all(Array.from({ length: 20 }, () => queued()))
    const { channel, calls } = scriptedChannel((name) => accepted(name.slice(14, 19)))
    const workers = [
      createTransmitter(deps(channel)),
      createTransmitter(deps(channel)),
      createTransmitter(deps(channel)),
    ]
    await Promise.all(workers.map((worker) => drain(worker.turn)))
    expect(calls.sort()).toEqual(invoices.map((i) => i.fileName).sort())
  })
})
