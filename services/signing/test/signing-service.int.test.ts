import { randomBytes, randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  invoiceSigned,
  invoiceSigningFailed,
  invoiceValidated,
  type InvoiceSigned,
  type InvoiceSigningFailed,
  type InvoiceValidated,
} from '@varco/contracts'
import { createPool, eventMessage, migrateSchema } from '@varco/db'
import {
  createDocumentStore,
  documentsMigrationsDir,
  documentsSchema,
  parseKeyring,
  type DocumentStore,
} from '@varco/documents'
import { transmissionDeadline } from '@varco/fatturapa'
import { consumeEvents, createKafkaClient, createPublisher, ensureTopics, type RunningConsumer } from '@varco/kafka'
import { createLogger } from '@varco/observability'
import {
  type NodeProcess,
  type TestDatabase,
  createTestDatabase,
  opensslVerify,
  startNodeProcess,
  uniqueGroup,
  xmlsecVerify,
} from '@varco/testing'
import { signingAdmin, type SigningAdmin } from '../src/admin.ts'
import { aTransmitterId, aValidatedInvoice, sampleInvoice, type ValidatedOptions } from './helpers/invoices.ts'
import { createTestPki, type Issued, type TestPki } from './helpers/pki.ts'
import { opensslSign } from './helpers/tools.ts'

const logger = createLogger({ name: 'test', level: 'silent' })
const server = resolve(import.meta.dirname, '../src/server.ts')
const prefix = `signing-${randomUUID()}`
const keys = `k1:${randomBytes(32).toString('base64')}`
const kafka = createKafkaClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'signing-test', logger })
const publisher = createPublisher(kafka)
const P12_PASSWORD = 'p12 password with spaces'

let db: TestDatabase
let pool: pg.Pool
let documents: DocumentStore
let admin: SigningAdmin
let pki: TestPki
let signer: Issued
let service: NodeProcess
let listener: RunningConsumer
const outcomes: Array<InvoiceSigned | InvoiceSigningFailed> = []

beforeAll(async () => {
  pki = createTestPki()
  signer = pki.issue('Mario Rossi')
  pki.secret('signer-p12', P12_PASSWORD)
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({
    databaseUrl: db.url,
    schema: documentsSchema,
    dir: documentsMigrationsDir,
    logger,
    withOutbox: false,
  })
  pool = createPool({ connectionString: db.url, logger })
  documents = createDocumentStore({ pool, keyring: parseKeyring(keys, 'k1') })
  admin = signingAdmin(pool)
  const topics = [invoiceValidated, invoiceSigned, invoiceSigningFailed].map((event) => ({
    topic: `${prefix}.${event.type}.v${event.version}`,
    partitions: 2,
  }))
  await ensureTopics(kafka, topics)
  await publisher.connect()
  service = startNodeProcess(server, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: inject('kafkaBrokers'),
    DOCUMENT_KEYS: keys,
    DOCUMENT_ACTIVE_KEY: 'k1',
    TOPIC_PREFIX: prefix,
    SIGNING_GROUP_ID: uniqueGroup('signing'),
    SIGNING_SECRETS_DIR: pki.secretsDir,
  })
  await service.waitForLine((line) => line.includes('"msg":"signing service started"'))
  listener = await consumeEvents({
    kafka,
    groupId: uniqueGroup('outcomes'),
    events: [invoiceSigned, invoiceSigningFailed],
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

/** A tenant of its own, whose default identity is the test signer's PKCS#12 file (unless `identity: false`). */
async function aTenant(options: { identity?: Issued | false } = {}): Promise<string> {
  const tenantId = `tenant-${randomUUID()}`
  const issued = options.identity ?? signer
  if (issued !== false) {
    await admin.setIdentity(tenantId, null, {
      kind: 'pkcs12',
      file: pki.pkcs12(issued, P12_PASSWORD),
      passwordSecret: 'signer-p12',
    })
  }
  return tenantId
}

async function deliver(event: InvoiceValidated): Promise<void> {
  await publisher.publish([eventMessage(event, prefix)])
}

type InvoiceOptions = Omit<ValidatedOptions, 'content' | 'transmitterId'> & { transmitterId?: string; bytes?: Buffer }

/** Stores the sample invoice, emits its invoice.validated, and waits for the outcome. */
async function validated(options: InvoiceOptions): Promise<InvoiceValidated> {
  const content = await documents.put(options.bytes ?? sampleInvoice(options.formato), 'application/xml')
  const event = aValidatedInvoice({ transmitterId: aTransmitterId(), ...options, content })
  await deliver(event)
  return event
}

const outcomesOf = (event: InvoiceValidated) => outcomes.filter((outcome) => outcome.causationId === event.id)

async function outcomeOf(event: InvoiceValidated): Promise<InvoiceSigned | InvoiceSigningFailed> {
  await expect.poll(() => outcomesOf(event).length, { timeout: 30_000 }).toBe(1)
  const [outcome] = outcomesOf(event)
  return outcome!
}

async function signedOf(event: InvoiceValidated): Promise<InvoiceSigned> {
  const outcome = await outcomeOf(event)
  expect(outcome.type).toBe('invoice.signed')
  expect(invoiceSigned.check(outcome)).toEqual([])
  return outcome as InvoiceSigned
}

async function failureOf(event: InvoiceValidated): Promise<InvoiceSigningFailed> {
  const outcome = await outcomeOf(event)
  expect(outcome.type).toBe('invoice.signing_failed')
  expect(invoiceSigningFailed.check(outcome)).toEqual([])
  return outcome as InvoiceSigningFailed
}

const bytesOf = async (sha256: string): Promise<Buffer> => (await documents.get(sha256)).bytes

describe('the signing service', () => {
  it('signs an FPA12 invoice with CAdES by default and names it IT<id>_00001.xml.p7m', async () => {
    const tenantId = await aTenant()
    const event = await validated({ tenantId, formato: 'FPA12' })
    const outcome = await signedOf(event)
    const { transmitter } = event.data
    expect(outcome).toMatchObject({
      tenantId,
      invoiceId: event.invoiceId,
      correlationId: event.correlationId,
      source: 'signing',
      data: {
        document: event.data.document,
        fileName: `IT${transmitter.id}_00001.xml.p7m`,
        format: 'cades',
        signedBy: 'gateway',
        signer: { subject: signer.subject, issuer: pki.ca.subject },
        transmitter,
      },
    })
    expect(outcome.data.signed).toMatchObject({ mediaType: 'application/pkcs7-mime' })
    // 12 days after the invoice's date: the transmission service retries until then.
    const [invoice] = event.data.documents
    expect(outcome.data.transmitBy).toBe(transmissionDeadline(invoice!.tipoDocumento, invoice!.data))
    const verified = opensslVerify(pki.dir, await bytesOf(outcome.data.signed.sha256), pki.ca.certFile)
    expect(verified.stderr).toContain('Verification successful')
    expect(verified.stdout.equals(await bytesOf(event.data.content.sha256))).toBe(true)
  })

  it("signs with XAdES when the tenant's policy says so, from an encrypted PEM key; the name stays .xml", async () => {
    const tenantId = await aTenant({ identity: false })
    const pemSigner = pki.issue('Anna Bianchi')
    pki.secret('anna-passphrase', 'correct horse')
    await admin.setPolicy(tenantId, { fpa12: 'xades', fpr12: 'none' })
    await admin.setIdentity(tenantId, null, {
      kind: 'pem',
      keyFile: pki.encryptedKey(pemSigner, 'correct horse'),
      certificateFile: pemSigner.certFile,
      passphraseSecret: 'anna-passphrase',
    })
    const event = await validated({ tenantId, formato: 'FPA12' })
    const outcome = await signedOf(event)
    expect(outcome.data).toMatchObject({
      fileName: `IT${event.data.transmitter.id}_00001.xml`,
      format: 'xades',
      signer: { subject: pemSigner.subject },
    })
    const verified = xmlsecVerify(pki.dir, await bytesOf(outcome.data.signed.sha256), pki.ca.certFile)
    expect(verified.stderr).toContain('OK')
    expect(verified.ok).toBe(true)
  })

  it('leaves an FPR12 invoice unsigned by default: the XML itself, named .xml', async () => {
    const tenantId = await aTenant({ identity: false })
    const event = await validated({ tenantId, formato: 'FPR12' })
    const outcome = await signedOf(event)
    expect(outcome.data).toEqual({
      document: event.data.document,
      signed: event.data.content,
      fileName: `IT${event.data.transmitter.id}_00001.xml`,
      format: 'none',
      transmitter: event.data.transmitter,
      transmitBy: '2014-12-30',
    })
  })

  it("passes a vendor's signed file through unchanged, without a second signature", async () => {
    const tenantId = await aTenant()
    const xml = sampleInvoice('FPA12')
    const vendor = pki.issue('Vendor Signer')
    const p7m = await documents.put(opensslSign(pki.dir, xml, vendor), 'application/pkcs7-mime')
    const event = await validated({ tenantId, formato: 'FPA12', bytes: xml, document: p7m, signedBy: 'cades' })
    const outcome = await signedOf(event)
    expect(outcome.data).toEqual({
      document: p7m,
      signed: p7m,
      fileName: `IT${event.data.transmitter.id}_00001.xml.p7m`,
      format: 'cades',
      signedBy: 'vendor',
      transmitter: event.data.transmitter,
      transmitBy: '2014-12-30',
    })
  })

  it("sends a vendor's base64 .p7m as the DER SdI expects: the same signature, re-encoded", async () => {
    const tenantId = await aTenant()
    const xml = sampleInvoice('FPA12')
    const der = opensslSign(pki.dir, xml, pki.issue('Base64 Vendor'))
    const base64 = Buffer.from(der.toString('base64').replace(/(.{64})/g, '$1\r\n'))
    const p7m = await documents.put(base64, 'application/pkcs7-mime')
    const event = await validated({ tenantId, formato: 'FPA12', bytes: xml, document: p7m, signedBy: 'cades' })
    const outcome = await signedOf(event)
    expect(outcome.data).toMatchObject({ document: p7m, format: 'cades', signedBy: 'vendor' })
    expect(outcome.data.signed.sha256).not.toBe(p7m.sha256)
    expect((await bytesOf(outcome.data.signed.sha256)).equals(der)).toBe(true)
    expect(opensslVerify(pki.dir, der, pki.ca.certFile).stdout.equals(xml)).toBe(true)
  })

  it('reports an FPA12 invoice of a tenant without identity: invoice.signing_failed, not retriable', async () => {
    const tenantId = await aTenant({ identity: false })
    const event = await validated({ tenantId, formato: 'FPA12' })
    const failure = await failureOf(event)
    expect(failure.data).toMatchObject({ document: event.data.document, cause: 'no_identity', retriable: false })
    expect(failure.data.message).toContain(tenantId)
    const { rows } = await pool.query('SELECT outcome, cause, file_name FROM signing.signings WHERE event_id = $1', [
      event.id,
    ])
    expect(rows).toEqual([{ outcome: 'failed', cause: 'no_identity', file_name: null }])
  })

  it.each([
    ['expired', { startdate: '20200101000000Z', enddate: '20210101000000Z' }, 'certificate_expired'],
    ['not yet valid', { startdate: '20400101000000Z', enddate: '20410101000000Z' }, 'certificate_not_yet_valid'],
  ])('reports a certificate %s at the signing time', async (name, dates, cause) => {
    const outOfDate = pki.issue(`Signer ${name}`, dates)
    const tenantId = await aTenant({ identity: outOfDate })
    const event = await validated({ tenantId, formato: 'FPA12' })
    const failure = await failureOf(event)
    expect(failure.data).toMatchObject({ cause, retriable: false })
    expect(failure.data.message).toContain(outOfDate.subject)
  })

  it('reports a wrong PKCS#12 password without revealing any secret', async () => {
    const tenantId = await aTenant({ identity: false })
    pki.secret('wrong-p12', 'not the password')
    await admin.setIdentity(tenantId, null, {
      kind: 'pkcs12',
      file: pki.pkcs12(signer, P12_PASSWORD),
      passwordSecret: 'wrong-p12',
    })
    const event = await validated({ tenantId, formato: 'FPA12' })
    const failure = await failureOf(event)
    expect(failure.data.cause).toBe('identity_unreadable')
    const everything = `${JSON.stringify(failure)}\n${service.lines.join('\n')}`
    expect(everything).not.toContain('not the password')
    expect(everything).not.toContain(P12_PASSWORD)
    expect(everything).not.toContain(signer.keyPem.split('\n')[1])
  })

  it('gives a redelivered event no second name, row or event', async () => {
    const tenantId = await aTenant()
    const event = await validated({ tenantId, formato: 'FPA12' })
    const first = await signedOf(event)
    await deliver(event)
    await deliver(event)
    // Same key, same partition: once the marker's outcome is out, the redeliveries before it were handled.
    const marker = await validated({
      tenantId,
      formato: 'FPA12',
      invoiceId: event.invoiceId,
      transmitterId: event.data.transmitter.id,
    })
    expect((await signedOf(marker)).data.fileName).toBe(`IT${event.data.transmitter.id}_00002.xml.p7m`)
    expect(outcomesOf(event)).toEqual([first])
    const { rows } = await pool.query('SELECT file_name FROM signing.signings WHERE event_id = $1', [event.id])
    expect(rows).toEqual([{ file_name: first.data.fileName }])
  })

  it("counts each transmitter's progressives on its own, and signs with a transmitter's own identity", async () => {
    const tenantId = await aTenant()
    const [a, b] = [aTransmitterId(), aTransmitterId()]
    const own = pki.issue('Transmitter B Signer')
    pki.secret('b-p12', 'b secret')
    await admin.setIdentity(tenantId, `IT${b}`, {
      kind: 'pkcs12',
      file: pki.pkcs12(own, 'b secret'),
      passwordSecret: 'b-p12',
    })
    const invoiceId = randomUUID()
    const events: InvoiceValidated[] = []
    for (const transmitterId of [a, b, a, b, a]) {
      events.push(await validated({ tenantId, formato: 'FPA12', transmitterId, invoiceId }))
    }
    const signed = await Promise.all(events.map(signedOf))
    expect(signed.map((outcome) => outcome.data.fileName)).toEqual([
      `IT${a}_00001.xml.p7m`,
      `IT${b}_00001.xml.p7m`,
      `IT${a}_00002.xml.p7m`,
      `IT${b}_00002.xml.p7m`,
      `IT${a}_00003.xml.p7m`,
    ])
    expect(signed.map((outcome) => outcome.data.signer?.subject)).toEqual([
      signer.subject,
      own.subject,
      signer.subject,
      own.subject,
      signer.subject,
    ])
  })
})
