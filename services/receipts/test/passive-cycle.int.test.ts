import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvoiceIncoming, InvoiceIncomingTermsExpired } from '@varco/contracts'
import { errorCode } from '@varco/errors'
import { createRicezioneFattureClient, type RicezioneFattureClient } from '@varco/sdi-soap'
import { signCades } from '@varco/signature'
import { validNumbers, validSampleInvoice } from '@varco/testing'
import { aFile, sampleAbout, type FileIdentity } from './helpers/messages.ts'
import { startReceipts, type ReceiptsHarness } from './helpers/receipts-service.ts'
import { signerOf } from './helpers/sdi-pki.ts'

/*
 * RicezioneFatture of the receipts service as a process, over mutual TLS: invoices delivered with their MT, routed
 * to a client or held until the admin CLI adds a route; DTs about them. Real Kafka and PostgreSQL.
 */

let h: ReceiptsHarness
let sdi: RicezioneFattureClient
beforeAll(async () => {
  h = await startReceipts()
  sdi = await createRicezioneFattureClient({
    endpoint: `${h.baseUrl}/RicezioneFatture`,
    tls: h.pki.tls.clientIdentity(),
  })
  const added = await h.admin(['route', 'add', 'comune-a', 'UFY9MH'])
  expect(added.code, added.stderr).toBe(0)
}, 120_000)
afterAll(async () => {
  sdi?.close()
  await h?.stop()
})

let number = 0
const invoiceXml = (sample: 'FPA01' | 'FPR01', code: string) =>
  validSampleInvoice(`IT01234567890_${sample}.xml`)
    .replace(/<CodiceDestinatario>[^<]*<\/CodiceDestinatario>/, `<CodiceDestinatario>${code}</CodiceDestinatario>`)
    .replace(/<Numero>[^<]*<\/Numero>/, `<Numero>R-${++number}</Numero>`)

async function deliver(file: FileIdentity, bytes: Buffer, code: string) {
  const mt = await sampleAbout('MT', file, signerOf(h.pki.signing.signer), (xml) =>
    xml.replace('<CodiceDestinatario>AAA111</CodiceDestinatario>', `<CodiceDestinatario>${code}</CodiceDestinatario>`),
  )
  const request = {
    IdentificativoSdI: file.identificativoSdI,
    NomeFile: file.fileName,
    File: bytes,
    NomeFileMetadati: mt.name,
    Metadati: mt.bytes,
  }
  return { request, answer: await sdi.riceviFatture(request) }
}

const incomingOf = (identificativoSdI: string) =>
  h.emitted.filter(
    (e): e is InvoiceIncoming => e.type === 'invoice.incoming' && e.data.identificativoSdI === identificativoSdI,
  )
const expiredOf = (identificativoSdI: string) =>
  h.emitted.filter(
    (e): e is InvoiceIncomingTermsExpired =>
      e.type === 'invoice.incoming_terms_expired' && e.data.identificativoSdI === identificativoSdI,
  )

describe('RiceviFatture', () => {
  it('a .p7m for a known office: verified, unwrapped, routed; answered ER01; twice is one invoice', async () => {
    const file = aFile('xml.p7m')
    const { signer } = h.pki.signing
    const p7m = await signCades(Buffer.from(invoiceXml('FPA01', 'UFY9MH')), signerOf(signer))
    const { request, answer } = await deliver(file, p7m, 'UFY9MH')
    expect(answer).toEqual({ Esito: 'ER01' })
    expect(await sdi.riceviFatture(request)).toEqual({ Esito: 'ER01' })
    await expect.poll(() => incomingOf(file.identificativoSdI).length, { timeout: 30_000 }).toBe(1)
    const [event] = incomingOf(file.identificativoSdI)
    expect(event).toMatchObject({
      tenantId: 'comune-a',
      data: {
        formato: 'FPA12',
        fileName: file.fileName,
        codiceDestinatario: 'UFY9MH',
        signature: { format: 'cades', signer: { subject: expect.stringContaining('Mario Rossi') as unknown } },
        file: { mediaType: 'application/pkcs7-mime' },
        documents: [{ numero: `R-${number}` }],
        outcomeBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as unknown,
      },
    })
    expect(event!.correlationId).toBe(event!.invoiceId)
    const content = await h.documents.get(event!.data.content.sha256)
    expect(content.bytes.toString()).toContain('<FatturaElettronica')
    expect((await h.documents.get(event!.data.file.sha256)).bytes.equals(p7m)).toBe(true)
    const calls = await h.query<{ verdict: string }>(
      'SELECT verdict FROM receipts.sdi_calls WHERE identificativo_sdi = $1 ORDER BY id',
      [file.identificativoSdI],
    )
    expect(calls.map((c) => c.verdict)).toEqual(['accepted', 'duplicate'])
    // Let a late second event show if there were one.
    await new Promise((done) => setTimeout(done, 500))
    expect(incomingOf(file.identificativoSdI)).toHaveLength(1)
  })

  it('a plain FPR12 invoice for an unknown client of our channel: held, then released by `route add`, with heldSince', async () => {
    const file = aFile('xml')
    const { answer } = await deliver(file, Buffer.from(invoiceXml('FPR01', 'QWE1234')), 'QWE1234')
    expect(answer).toEqual({ Esito: 'ER01' })
    const [held] = await h.query<{ status: string }>(
      'SELECT status FROM receipts.incoming_files WHERE identificativo_sdi = $1',
      [file.identificativoSdI],
    )
    expect(held?.status).toBe('held')
    // A DT about it while it waits: held with it.
    const dt = await sampleAbout('DT', file, signerOf(h.pki.signing.signer))
    await sdi.notificaDecorrenzaTermini({
      IdentificativoSdI: file.identificativoSdI,
      NomeFile: dt.name,
      File: dt.bytes,
    })
    const listed = await h.admin(['held', 'list'])
    expect(listed.stdout).toContain(file.identificativoSdI)

    const refusedRoute = await h.admin(['route', 'add', 'studio-b', 'QWE1234'])
    expect(refusedRoute.code).not.toBe(0)
    expect(refusedRoute.stderr).toContain('RECEIPTS_ERR_ROUTE_INVALID')
    const added = await h.admin(['route', 'add', 'studio-b', 'QWE1234', '--cf', validNumbers.buyer])
    expect(added.code, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({
      route: { tenantId: 'studio-b', codiceDestinatario: 'QWE1234' },
      released: [expect.any(String)],
    })
    await expect.poll(() => incomingOf(file.identificativoSdI).length, { timeout: 30_000 }).toBe(1)
    const [event] = incomingOf(file.identificativoSdI)
    expect(event).toMatchObject({
      tenantId: 'studio-b',
      data: { formato: 'FPR12', signature: { format: 'none' }, heldSince: expect.any(String) as unknown },
    })
    expect(event!.data.outcomeBy).toBeUndefined()
    await expect.poll(() => expiredOf(file.identificativoSdI).length, { timeout: 30_000 }).toBe(1)
    expect(expiredOf(file.identificativoSdI)[0]).toMatchObject({ tenantId: 'studio-b', invoiceId: event!.invoiceId })
    const again = await h.admin(['route', 'add', 'studio-b', 'QWE1234', '--cf', validNumbers.buyer])
    expect(again.stderr).toContain('RECEIPTS_ERR_ROUTE_EXISTS')
  })

  it('a DT for a routed invoice: invoice.incoming_terms_expired with its ids', async () => {
    const file = aFile('xml.p7m')
    const p7m = await signCades(Buffer.from(invoiceXml('FPA01', 'UFY9MH')), signerOf(h.pki.signing.signer))
    await deliver(file, p7m, 'UFY9MH')
    await expect.poll(() => incomingOf(file.identificativoSdI).length, { timeout: 30_000 }).toBe(1)
    const dt = await sampleAbout('DT', file, signerOf(h.pki.signing.signer))
    await sdi.notificaDecorrenzaTermini({
      IdentificativoSdI: file.identificativoSdI,
      NomeFile: dt.name,
      File: dt.bytes,
    })
    await sdi.notificaDecorrenzaTermini({
      IdentificativoSdI: file.identificativoSdI,
      NomeFile: dt.name,
      File: dt.bytes,
    })
    await expect.poll(() => expiredOf(file.identificativoSdI).length, { timeout: 30_000 }).toBe(1)
    expect(expiredOf(file.identificativoSdI)[0]).toMatchObject({
      tenantId: 'comune-a',
      invoiceId: incomingOf(file.identificativoSdI)[0]!.invoiceId,
      data: { messageFileName: dt.name },
    })
  })

  it("an invoice whose seller's signature does not verify: kept and answered ER01, never emitted", async () => {
    const file = aFile('xml.p7m')
    const p7m = await signCades(Buffer.from(invoiceXml('FPA01', 'UFY9MH')), signerOf(h.pki.signing.otherCaSigner))
    const { answer } = await deliver(file, p7m, 'UFY9MH')
    expect(answer).toEqual({ Esito: 'ER01' })
    const [kept] = await h.query<{ status: string; problem: string }>(
      'SELECT status, problem FROM receipts.incoming_files WHERE identificativo_sdi = $1',
      [file.identificativoSdI],
    )
    expect(kept).toMatchObject({ status: 'unverified', problem: expect.stringContaining('00104') as unknown })
    await h.receipts.waitForLine(
      (line) => line.includes('"alert":"incoming_not_readable"') && line.includes(file.identificativoSdI),
      10_000,
    )
    expect(incomingOf(file.identificativoSdI)).toHaveLength(0)
  })

  it('an MT that is not one: refused with a Client fault, and kept', async () => {
    const file = aFile('xml')
    const bytes = Buffer.from(invoiceXml('FPR01', 'QWE1234'))
    const failure = await sdi
      .riceviFatture({
        IdentificativoSdI: file.identificativoSdI,
        NomeFile: file.fileName,
        File: bytes,
        NomeFileMetadati: `${file.stem}_MT_001.xml`,
        Metadati: Buffer.from('<nope/>'),
      })
      .catch((err: unknown) => err)
    expect(errorCode(failure)).toBe('SDI_SOAP_ERR_FAULT')
    expect(String((failure as Error).message)).toContain('the metadata file is not an MT')
    const [call] = await h.query<{ verdict: string }>(
      'SELECT verdict FROM receipts.sdi_calls WHERE identificativo_sdi = $1',
      [file.identificativoSdI],
    )
    expect(call?.verdict).toBe('refused')
  })
})
