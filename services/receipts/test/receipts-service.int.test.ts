import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvoiceNotification } from '@varco/contracts'
import { errorCode } from '@varco/errors'
import { createTrasmissioneFattureClient, type TrasmissioneFattureClient } from '@varco/sdi-soap'
import { signXades } from '@varco/signature'
import { aFile, sampleAbout, type FileIdentity } from './helpers/messages.ts'
import { startReceipts, type OutboundInvoice, type ReceiptsHarness } from './helpers/receipts-service.ts'
import { signerOf, unsigned } from './helpers/sdi-pki.ts'

/*
 * TrasmissioneFatture of the receipts service as a process, called over mutual TLS (MTOM and inline base64) with the
 * official message samples, re-signed by the test PKI's stand-in for SdI. Events in and out through real Kafka,
 * state in real PostgreSQL.
 */

let h: ReceiptsHarness
let mtom: TrasmissioneFattureClient
let inline: TrasmissioneFattureClient
beforeAll(async () => {
  h = await startReceipts()
  const tls = h.pki.tls.clientIdentity()
  mtom = await createTrasmissioneFattureClient({ endpoint: `${h.baseUrl}/TrasmissioneFatture`, tls })
  inline = await createTrasmissioneFattureClient({ endpoint: `${h.baseUrl}/TrasmissioneFatture`, tls, mtom: false })
}, 120_000)
afterAll(async () => {
  mtom?.close()
  inline?.close()
  await h?.stop()
})

const sdi = () => signerOf(h.pki.signing.signer)
const anInvoice = (): OutboundInvoice => ({
  invoiceId: randomUUID(),
  tenantId: 'tenant-a',
  correlationId: randomUUID(),
})

async function transmitted(formato: 'FPA12' | 'FPR12', file: FileIdentity = aFile()) {
  const invoice = anInvoice()
  await h.publish(invoice, { formato, fileName: file.fileName, identificativoSdI: file.identificativoSdI })
  await expect
    .poll(
      async () =>
        (
          await h.query(
            `SELECT 1 FROM receipts.outbound_files WHERE invoice_id = $1 AND formato IS NOT NULL AND identificativo_sdi IS NOT NULL`,
            [invoice.invoiceId],
          )
        ).length,
      { timeout: 30_000 },
    )
    .toBe(1)
  return { invoice, file }
}

type Op =
  | 'ricevutaConsegna'
  | 'notificaScarto'
  | 'notificaMancataConsegna'
  | 'notificaEsito'
  | 'notificaDecorrenzaTermini'
  | 'attestazioneTrasmissioneFattura'
const OPS = {
  RC: 'ricevutaConsegna',
  NS: 'notificaScarto',
  MC: 'notificaMancataConsegna',
  NE: 'notificaEsito',
  DT: 'notificaDecorrenzaTermini',
  AT: 'attestazioneTrasmissioneFattura',
} as const satisfies Record<string, Op>

async function send(kind: keyof typeof OPS, file: FileIdentity, edit?: (xml: string) => string, client = mtom) {
  const message = await sampleAbout(kind, file, sdi(), edit)
  await client[OPS[kind]]({ IdentificativoSdI: file.identificativoSdI, NomeFile: message.name, File: message.bytes })
  return message
}

const refused = (err: unknown) => errorCode(err) === 'SDI_SOAP_ERR_FAULT'
const ec02 = (xml: string) => xml.replace('<Esito>EC01</Esito>', '<Esito>EC02</Esito>')
const lifecycles = (invoiceId: string) =>
  h
    .notificationsOf(invoiceId)
    .sort((a, b) => a.data.lifecycle.sequence - b.data.lifecycle.sequence)
    .map((n) => `${n.data.kind}:${n.data.lifecycle.decision}:${n.data.lifecycle.state}`)
const stateOf = async (invoiceId: string) =>
  (
    await h.query<{ state: string; sequence: number }>(
      'SELECT state, sequence FROM receipts.outbound_files WHERE invoice_id = $1',
      [invoiceId],
    )
  )[0]

describe('TrasmissioneFatture: each message decided once, in one transaction with its event', () => {
  it('RC then NE(EC01), MTOM and inline: delivered, accepted; the event carries everything', async () => {
    const { invoice, file } = await transmitted('FPA12')
    await send('RC', file, undefined, inline)
    await send('NE', file)
    await expect
      .poll(() => lifecycles(invoice.invoiceId), { timeout: 30_000 })
      .toEqual(['RC:transition:delivered', 'NE:transition:accepted'])
    const [rc, ne] = h
      .notificationsOf(invoice.invoiceId)
      .sort((a, b) => a.data.lifecycle.sequence - b.data.lifecycle.sequence) as [
      InvoiceNotification,
      InvoiceNotification,
    ]
    expect(rc).toMatchObject({
      tenantId: invoice.tenantId,
      correlationId: invoice.correlationId,
      source: 'receipts',
      data: {
        identificativoSdI: file.identificativoSdI,
        invoiceFileName: file.fileName,
        delivery: { deliveredAt: '2013-06-06T12:01:00.000Z', recipientCode: 'AAA111' },
        lifecycle: { decision: 'transition', from: 'submitted', state: 'delivered', sequence: 1 },
      },
    })
    expect(rc.causationId).toBeUndefined()
    expect(ne.data).toMatchObject({ outcome: { esito: 'EC01' }, lifecycle: { from: 'delivered', sequence: 2 } })
    const stored = await h.documents.get(ne.data.message.sha256)
    expect(stored.bytes.toString()).toContain('<Esito>EC01</Esito>')
    const calls = await h.query<{ mtom: boolean; verdict: string; peer_fingerprint: string | null }>(
      'SELECT mtom, verdict, peer_fingerprint FROM receipts.sdi_calls WHERE identificativo_sdi = $1 ORDER BY id',
      [file.identificativoSdI],
    )
    expect(calls.map((c) => [c.mtom, c.verdict])).toEqual([
      [false, 'accepted'],
      [true, 'accepted'],
    ])
    expect(calls[0]?.peer_fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(await stateOf(invoice.invoiceId)).toEqual({ state: 'accepted', sequence: 2 })
  })

  it('the same call three times: one effect, one event, answered the same each time', async () => {
    const { invoice, file } = await transmitted('FPA12')
    const rc = await sampleAbout('RC', file, sdi())
    const request = { IdentificativoSdI: file.identificativoSdI, NomeFile: rc.name, File: rc.bytes }
    const answers = await Promise.all([mtom.ricevutaConsegna(request), inline.ricevutaConsegna(request)])
    answers.push(await mtom.ricevutaConsegna(request))
    expect(answers).toEqual([undefined, undefined, undefined])
    await expect.poll(() => lifecycles(invoice.invoiceId), { timeout: 30_000 }).toEqual(['RC:transition:delivered'])
    const calls = await h.query<{ verdict: string }>(
      'SELECT verdict FROM receipts.sdi_calls WHERE nome_file = $1 ORDER BY verdict',
      [rc.name],
    )
    expect(calls.map((c) => c.verdict)).toEqual(['accepted', 'duplicate', 'duplicate'])
    expect(
      await h.query('SELECT 1 FROM receipts.notifications WHERE invoice_id = $1', [invoice.invoiceId]),
    ).toHaveLength(1)
  })

  it('out of order: NE before RC is taken and the RC is stale; the file ends accepted', async () => {
    const { invoice, file } = await transmitted('FPA12')
    await send('NE', file)
    await send('RC', file)
    await expect
      .poll(() => lifecycles(invoice.invoiceId), { timeout: 30_000 })
      .toEqual(['NE:transition:accepted', 'RC:stale:accepted'])
  })

  it('MC then RC: delivered after all; an MC after the RC is stale; NE twice (two messages): unchanged', async () => {
    const { invoice, file } = await transmitted('FPA12')
    await send('MC', file)
    await send('RC', file)
    await send('MC', file)
    await send('NE', file, ec02)
    await send('NE', file, ec02)
    await expect
      .poll(() => lifecycles(invoice.invoiceId), { timeout: 30_000 })
      .toEqual([
        'MC:transition:not_delivered',
        'RC:transition:delivered',
        'MC:stale:delivered',
        'NE:transition:refused',
        'NE:unchanged:refused',
      ])
    expect(await stateOf(invoice.invoiceId)).toEqual({ state: 'refused', sequence: 5 })
  })

  it('NS: every error and the day to resubmit by; MC → AT: attested', async () => {
    const rejected = await transmitted('FPA12')
    await send('NS', rejected.file)
    const attested = await transmitted('FPA12')
    await send('MC', attested.file)
    await send('AT', attested.file)
    await expect
      .poll(() => lifecycles(rejected.invoice.invoiceId), { timeout: 30_000 })
      .toEqual(['NS:transition:rejected'])
    expect(h.notificationsOf(rejected.invoice.invoiceId)[0]?.data).toMatchObject({
      errors: [{ code: '00100', description: 'Certificato di firma scaduto' }],
      resubmitBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as unknown,
    })
    await expect
      .poll(() => lifecycles(attested.invoice.invoiceId), { timeout: 30_000 })
      .toEqual(['MC:transition:not_delivered', 'AT:transition:undeliverable_attested'])
  })

  it('a message the flow cannot explain (an NE about an FPR12 file) is recorded, emitted as forbidden and alerted', async () => {
    const { invoice, file } = await transmitted('FPR12', aFile('xml'))
    await send('NE', file)
    await expect.poll(() => lifecycles(invoice.invoiceId), { timeout: 30_000 }).toEqual(['NE:forbidden:submitted'])
    expect(h.notificationsOf(invoice.invoiceId)[0]?.data.lifecycle.reason).toBe('NE does not exist in the FPR12 flow')
    await h.receipts.waitForLine(
      (line) => line.includes('"alert":"lifecycle_forbidden"') && line.includes(invoice.invoiceId),
      10_000,
    )
    const [row] = await h.query<{ decision: string; reason: string }>(
      'SELECT decision, reason FROM receipts.notifications WHERE invoice_id = $1',
      [invoice.invoiceId],
    )
    expect(row).toEqual({ decision: 'forbidden', reason: 'NE does not exist in the FPR12 flow' })
  })
})

describe('TrasmissioneFatture: messages before their invoice is known', () => {
  it('are held, answered, and decided in the order received once the events arrive (in any order)', async () => {
    const file = aFile()
    const invoice = anInvoice()
    await send('RC', file)
    await send('NE', file)
    const held = await h.query<{ decided_at: Date | null }>(
      'SELECT decided_at FROM receipts.notifications WHERE identificativo_sdi = $1',
      [file.identificativoSdI],
    )
    expect(held).toEqual([{ decided_at: null }, { decided_at: null }])
    await h.publish(invoice, { fileName: file.fileName, identificativoSdI: file.identificativoSdI })
    // Without its formato the file cannot be decided yet.
    await expect
      .poll(
        async () =>
          (await h.query('SELECT 1 FROM receipts.outbound_files WHERE invoice_id = $1', [invoice.invoiceId])).length,
        { timeout: 30_000 },
      )
      .toBe(1)
    expect(lifecycles(invoice.invoiceId)).toEqual([])
    await h.publish(invoice, { formato: 'FPA12' })
    await expect
      .poll(() => lifecycles(invoice.invoiceId), { timeout: 30_000 })
      .toEqual(['RC:transition:delivered', 'NE:transition:accepted'])
  })

  it('a message matched by its invoice file name, before SdI’s id is known (invoice.signed only)', async () => {
    const file = aFile()
    const invoice = anInvoice()
    await h.publish(invoice, { formato: 'FPA12', fileName: file.fileName })
    await expect
      .poll(
        async () =>
          (
            await h.query(
              'SELECT 1 FROM receipts.outbound_files WHERE invoice_id = $1 AND file_name IS NOT NULL AND formato IS NOT NULL',
              [invoice.invoiceId],
            )
          ).length,
        { timeout: 30_000 },
      )
      .toBe(1)
    await send('NS', file)
    await expect.poll(() => lifecycles(invoice.invoiceId), { timeout: 30_000 }).toEqual(['NS:transition:rejected'])
  })
})

describe('TrasmissioneFatture: what is refused (SOAP Client fault), kept for audit, never emitted', () => {
  async function expectRefusedAndKept(file: FileIdentity, bytes: Buffer, reason: RegExp) {
    const name = `${file.stem}_RC_001.xml`
    const failure = await mtom
      .ricevutaConsegna({ IdentificativoSdI: file.identificativoSdI, NomeFile: name, File: bytes })
      .then(
        () => undefined,
        (err: unknown) => err,
      )
    expect(refused(failure), String(failure)).toBe(true)
    expect(String((failure as Error).message)).toMatch(reason)
    const [call] = await h.query<{ verdict: string; reason: string; sha256: string }>(
      'SELECT verdict, reason, sha256 FROM receipts.sdi_calls WHERE nome_file = $1',
      [name],
    )
    expect(call?.verdict).toBe('refused')
    expect(call?.reason).toMatch(reason)
    expect((await h.documents.get(call!.sha256)).bytes.equals(bytes)).toBe(true)
    expect(
      await h.query('SELECT 1 FROM receipts.notifications WHERE identificativo_sdi = $1', [file.identificativoSdI]),
    ).toHaveLength(0)
  }

  it('a tampered message (one byte changed)', async () => {
    const { invoice, file } = await transmitted('FPA12')
    const rc = await sampleAbout('RC', file, sdi())
    const tampered = Buffer.from(rc.bytes.toString().replace('AAA111', 'AAA112'))
    expect(tampered.length).toBe(rc.bytes.length)
    await expectRefusedAndKept(file, tampered, /not signed by SdI: .*altered/)
    expect(lifecycles(invoice.invoiceId)).toEqual([])
  })

  it('an unsigned message', async () => {
    const file = aFile()
    const rc = await sampleAbout('RC', file, sdi())
    await expectRefusedAndKept(file, unsigned(rc.bytes), /not signed by SdI: no ds:Signature/)
  })

  it('a message signed by a certificate of another CA', async () => {
    const file = aFile()
    const rc = await sampleAbout('RC', file, signerOf(h.pki.signing.otherCaSigner))
    await expectRefusedAndKept(file, rc.bytes, /not signed by SdI: .*(trust|CA)/i)
  })

  it('a signed document that is no SdI message, and one the operation does not carry', async () => {
    const file = aFile()
    const other = await signXades(Buffer.from('<Lettera><Testo>ciao</Testo></Lettera>'), sdi())
    await expectRefusedAndKept(file, other, /not an SdI message/)
    const ns = await sampleAbout('NS', aFile(), sdi())
    const failure = await mtom
      .ricevutaConsegna({ IdentificativoSdI: '1', NomeFile: ns.name, File: ns.bytes })
      .catch((err: unknown) => err)
    expect(String((failure as Error).message)).toContain('RicevutaConsegna carries RC messages, not NotificaScarto')
  })

  it('a client without SdI’s certificate never reaches the service', async () => {
    const stranger = await createTrasmissioneFattureClient({
      endpoint: `${h.baseUrl}/TrasmissioneFatture`,
      tls: h.pki.tls.clientIdentity(h.pki.tls.otherCaClient),
    })
    const file = aFile()
    const rc = await sampleAbout('RC', file, sdi())
    const failure = await stranger
      .ricevutaConsegna({ IdentificativoSdI: file.identificativoSdI, NomeFile: rc.name, File: rc.bytes })
      .catch((err: unknown) => err)
    stranger.close()
    expect(errorCode(failure)).toMatch(/^SDI_SOAP_ERR_(TLS|NETWORK)$/)
    expect(await h.query('SELECT 1 FROM receipts.sdi_calls WHERE nome_file = $1', [rc.name])).toHaveLength(0)
  })
})
