import { resolve } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createPool, migrateSchema } from '@varco/db'
import { parseSdiMessage } from '@varco/fatturapa'
import { createLogger } from '@varco/observability'
import { loadPemIdentity, signCades, trustStoreFrom, type Signer, type TrustStore } from '@varco/signature'
import {
  createTestDatabase,
  createTestPki,
  validNumbers,
  validSampleInvoice,
  xmlsecVerify,
  type TestDatabase,
  type TestPki,
} from '@varco/testing'
import type { Windows } from '../src/domain/plan.ts'
import type { TransmitterNotice } from '../src/ports/transmitter-endpoint.ts'
import { dispatchDue } from '../src/use-cases/dispatch-due.ts'
import { receiveFile } from '../src/use-cases/receive-file.ts'

const schema = 'sdi_simulator'
const logger = createLogger({ name: 'test', level: 'silent' })
const windows: Windows = {
  processingMs: 1000,
  retryMs: 5000,
  decisionMs: 10_000,
  acceptanceMs: 100_000,
  attestationMs: 50_000,
  notificationRetryMs: 2000,
}

let db: TestDatabase
let pool: pg.Pool
let pki: TestPki
let trust: TrustStore
let signer: Signer
// From the real now: signatures made in the test must not postdate the simulated reception (00105).
let clock = new Date()
const now = () => clock
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms))

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({ databaseUrl: db.url, schema, dir: resolve(import.meta.dirname, '../migrations'), logger })
  pool = createPool({ connectionString: db.url, logger })
  pki = createTestPki()
  trust = trustStoreFrom([pki.ca.certPem])
  signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
})
afterAll(async () => {
  await pool?.end()
  await db?.drop()
  pki?.cleanup()
})

const receiveDeps = () => ({ pool, schema, trust, windows, now, acceptUnknownCodes: true })
let progressive = 0
const nextName = (extension = 'xml') =>
  `IT${validNumbers.transmitter}_${String(++progressive).padStart(5, '0')}.${extension}`

/** A transmitter endpoint that records what it got, and fails while `down` is set. */
function recordingTransmitter() {
  const got: TransmitterNotice[] = []
  const endpoint = {
    down: false,
    notify: async (notice: TransmitterNotice) => {
      if (endpoint.down) throw new Error('connect ECONNREFUSED')
      got.push(notice)
    },
  }
  return { got, endpoint }
}

const dispatch = (endpoint: ReturnType<typeof recordingTransmitter>['endpoint']) =>
  dispatchDue({ pool, schema, signer, transmitter: endpoint, windows, now })

describe('the simulator: reception and the messages that follow', () => {
  it('answers an accepted B2B file with a signed RC, named after the file, once processing time has passed', async () => {
    const { got, endpoint } = recordingTransmitter()
    const name = nextName()
    const receipt = await receiveFile(receiveDeps(), { name, bytes: Buffer.from(validSampleInvoice()) })
    expect(receipt.verdict.accepted).toBe(true)
    await dispatch(endpoint)
    expect(got).toEqual([])
    advance(windows.processingMs)
    await dispatch(endpoint)
    expect(got.map((n) => [n.kind, n.fileName, n.identificativoSdI])).toEqual([
      ['RC', name.replace('.xml', '_RC_001.xml'), receipt.identificativoSdI],
    ])
    const rc = parseSdiMessage(got[0]!.file)
    expect(rc.ok && rc.message).toMatchObject({ family: 'b2b', root: 'RicevutaConsegna' })
    expect(xmlsecVerify(pki.dir, got[0]!.file, pki.ca.certFile)).toMatchObject({ ok: true })
  })

  it('refuses a file name it received before with an NS carrying 00002, and keeps both receptions', async () => {
    const { got, endpoint } = recordingTransmitter()
    const name = nextName()
    const bytes = Buffer.from(validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>D-1</Numero>'))
    await receiveFile(receiveDeps(), { name, bytes })
    const again = await receiveFile(receiveDeps(), { name, bytes })
    expect(again.verdict).toMatchObject({ accepted: false, errors: [expect.objectContaining({ code: '00002' })] })
    advance(windows.processingMs)
    await dispatch(endpoint)
    const ns = got.find((n) => n.identificativoSdI === again.identificativoSdI)
    const parsed = ns && parseSdiMessage(ns.file)
    expect(parsed?.ok && parsed.message.kind === 'NS' && parsed.message.data.ListaErrori.Errore[0]?.Codice).toBe(
      '00002',
    )
    const { rows } = await pool.query(`SELECT accepted FROM ${schema}.received_files WHERE file_name = $1 ORDER BY 1`, [
      name,
    ])
    expect(rows).toEqual([{ accepted: false }, { accepted: true }])
  })

  it('takes concurrent copies of one name one at a time: exactly one is accepted', async () => {
    const name = nextName()
    const bytes = Buffer.from(validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>C-1</Numero>'))
    const receipts = await Promise.all(Array.from({ length: 6 }, () => receiveFile(receiveDeps(), { name, bytes })))
    expect(receipts.filter((r) => r.verdict.accepted)).toHaveLength(1)
    expect(new Set(receipts.map((r) => r.identificativoSdI)).size).toBe(6)
  })

  it('tries a transmitter that is down again after SdI’s interval, four times in all, with the same bytes', async () => {
    const { got, endpoint } = recordingTransmitter()
    const name = nextName()
    const bytes = Buffer.from(validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>R-1</Numero>'))
    await receiveFile(receiveDeps(), { name, bytes })
    advance(windows.processingMs)
    endpoint.down = true
    await dispatch(endpoint)
    advance(windows.notificationRetryMs)
    await dispatch(endpoint)
    const { rows } = await pool.query<{ attempts: number; body: Buffer }>(
      `SELECT m.attempts, m.body FROM ${schema}.outgoing_messages m JOIN ${schema}.received_files f
        USING (identificativo_sdi) WHERE f.file_name = $1`,
      [name],
    )
    expect(rows[0]?.attempts).toBe(2)
    endpoint.down = false
    advance(windows.notificationRetryMs)
    await dispatch(endpoint)
    const sent = got.filter((n) => n.fileName.startsWith(name.replace('.xml', '')))
    expect(sent).toHaveLength(1)
    expect(sent[0]!.file.equals(rows[0]!.body)).toBe(true)
  })

  it('gives a message up after four failed attempts, as SdI does', async () => {
    const { endpoint } = recordingTransmitter()
    const name = nextName()
    const bytes = Buffer.from(validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>G-1</Numero>'))
    await receiveFile(receiveDeps(), { name, bytes })
    endpoint.down = true
    for (let attempt = 0; attempt < 6; attempt++) {
      advance(windows.processingMs + windows.notificationRetryMs)
      await dispatch(endpoint)
    }
    const { rows } = await pool.query(
      `SELECT m.attempts, m.last_error, m.sent_at FROM ${schema}.outgoing_messages m
         JOIN ${schema}.received_files f USING (identificativo_sdi) WHERE f.file_name = $1`,
      [name],
    )
    expect(rows).toEqual([{ attempts: 4, last_error: 'abandoned', sent_at: null }])
  })

  it('follows a refused PA invoice with NE(EC02) and frees its number for a corrected one', async () => {
    const { got, endpoint } = recordingTransmitter()
    const fpa = Buffer.from(validSampleInvoice('IT01234567890_FPA01.xml'))
    const signed = () => signCades(fpa, signer)
    await pool.query(`INSERT INTO ${schema}.outcome_scripts VALUES ('recipient', 'AAAAAA', 'deliver', 'EC02')`)
    const first = await receiveFile(receiveDeps(), { name: nextName('xml.p7m'), bytes: await signed() })
    expect(first.verdict).toMatchObject({ accepted: true })
    const duplicate = await receiveFile(receiveDeps(), { name: nextName('xml.p7m'), bytes: await signed() })
    expect(duplicate.verdict).toMatchObject({ accepted: false, errors: [expect.objectContaining({ code: '00404' })] })
    advance(windows.processingMs + windows.decisionMs)
    await dispatch(endpoint)
    const kinds = got.filter((n) => n.identificativoSdI === first.identificativoSdI).map((n) => n.kind)
    expect(kinds).toEqual(['RC', 'NE'])
    const retry = await receiveFile(receiveDeps(), { name: nextName('xml.p7m'), bytes: await signed() })
    expect(retry.verdict.accepted).toBe(true)
  })

  it('sends every message twice, or the messages due together last first, when told to', async () => {
    const { got, endpoint } = recordingTransmitter()
    const fpa = Buffer.from(validSampleInvoice('IT01234567890_FPA01.xml').replace(/<Numero>[^<]*</, '<Numero>F-1<'))
    const name = nextName('xml.p7m')
    const receipt = await receiveFile(receiveDeps(), { name, bytes: await signCades(fpa, signer) })
    advance(windows.processingMs + windows.decisionMs)
    const faults = { duplicate: true, reverse: true }
    await dispatchDue({ pool, schema, signer, transmitter: endpoint, windows, now, faults })
    const about = got.filter((n) => n.identificativoSdI === receipt.identificativoSdI)
    expect(about.map((n) => n.kind)).toEqual(['NE', 'NE', 'RC', 'RC'])
    expect(about[0]!.file.equals(about[1]!.file)).toBe(true)
  })
})
