import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPemIdentity, signCades, signXades, trustStoreFrom, type TrustStore } from '@varco/signature'
import { createTestPki, validNumbers, validSampleInvoice, type Issued, type TestPki } from '@varco/testing'
import { checkSubmission } from '../src/domain/intake.ts'
import type { IntakeRegistry, IntakeVerdict, SubmittedFile } from '../src/domain/submitted-file.ts'

let pki: TestPki
let trust: TrustStore
beforeAll(() => {
  pki = createTestPki()
  trust = trustStoreFrom([pki.ca.certPem])
})
afterAll(() => pki.cleanup())

const NAME = `IT${validNumbers.transmitter}_00001`
const fpr12 = Buffer.from(validSampleInvoice())
// FPA01 is addressed to the IPA office AAAAAA.
const fpa12 = Buffer.from(validSampleInvoice('IT01234567890_FPA01.xml'))

/** An in-memory registry: the names and invoice keys seen, and the routing codes known. */
function registry(seen: { names?: string[]; keys?: string[]; codes?: string[] } = {}): IntakeRegistry {
  return {
    fileNameSeen: async (name) => (seen.names ?? []).includes(name),
    invoiceAccepted: async (key) => (seen.keys ?? []).includes(key),
    recipient: async (code) =>
      (seen.codes ?? ['ABC1234', 'AAAAAA']).includes(code) ? { code, name: `ufficio ${code}` } : undefined,
  }
}

const signer = (issued: Issued = pki.signer) => loadPemIdentity({ key: issued.keyPem, certificates: issued.certPem })
const check = (file: SubmittedFile, reg = registry(), receivedAt = new Date()) =>
  checkSubmission(file, { registry: reg, trust, receivedAt })
const codes = (verdict: IntakeVerdict) => (verdict.accepted ? [] : verdict.errors.map((error) => error.code))

describe("the simulator's intake, in SdI's order", () => {
  it('accepts a valid FPR12 file and says who it is for, its invoices and its hash', async () => {
    const verdict = await check({ name: `${NAME}.xml`, bytes: fpr12 })
    expect(verdict).toMatchObject({
      accepted: true,
      formato: 'FPR12',
      recipient: { code: 'ABC1234' },
      invoiceKeys: [`IT${validNumbers.seller}|2014|invoice|123`],
      hash: createHash('sha256').update(fpr12).digest('hex'),
    })
  })

  it('accepts a signed FPA12 file, CAdES as .xml.p7m and XAdES as .xml', async () => {
    const cades = await check({ name: `${NAME}.xml.p7m`, bytes: await signCades(fpa12, signer()) })
    expect(cades).toMatchObject({ accepted: true, formato: 'FPA12', signedBy: 'cades' })
    const xades = await check({ name: `${NAME}.xml`, bytes: await signXades(fpa12, signer()) })
    expect(xades).toMatchObject({ accepted: true, formato: 'FPA12', signedBy: 'xades' })
  })

  it.each([
    ['a name without the transmitter', '_00001.xml'],
    ['a progressive too long', `${NAME}9.xml`],
    ['an unknown extension', `${NAME}.txt`],
  ])('refuses %s with 00001', async (_, name) => {
    expect(codes(await check({ name, bytes: fpr12 }))).toEqual(['00001'])
  })

  it('refuses a name it received before with 00002, before looking at the content', async () => {
    const verdict = await check(
      { name: `${NAME}.xml`, bytes: Buffer.from('junk') },
      registry({ names: [`${NAME}.xml`] }),
    )
    expect(codes(verdict)).toEqual(['00002'])
  })

  it('refuses a file over 5 MB with 00003', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)
    expect(codes(await check({ name: `${NAME}.xml`, bytes: big }))).toEqual(['00003'])
  })

  it('checks the signature before the format: an altered .p7m gets 00102 only', async () => {
    const p7m = await signCades(Buffer.from(fpr12.toString().replace('<Divisa>EUR<', '<Divisa>EURO<')), signer())
    const at = p7m.indexOf(Buffer.from('<Numero>'))
    p7m[at + 8] = p7m[at + 8]! ^ 1
    expect(codes(await check({ name: `${NAME}.xml.p7m`, bytes: p7m }))).toEqual(['00102'])
  })

  it('refuses an expired certificate with 00100 and an untrusted CA with 00104', async () => {
    const expired = await signCades(fpr12, signer(pki.expired))
    expect(codes(await check({ name: `${NAME}.xml.p7m`, bytes: expired }))).toContain('00100')
    const untrusted = await signCades(fpr12, signer(pki.otherCaSigner))
    expect(codes(await check({ name: `${NAME}.xml.p7m`, bytes: untrusted }))).toEqual(['00104'])
  })

  it('refuses a .xml.p7m name on an unsigned file with 00001', async () => {
    expect(codes(await check({ name: `${NAME}.xml.p7m`, bytes: fpr12 }))).toEqual(['00001'])
  })

  it('reports format errors with 00200 and content errors with their codes', async () => {
    const badFormat = Buffer.from(fpr12.toString().replace('<Divisa>EUR<', '<Divisa>EURO<'))
    expect(codes(await check({ name: `${NAME}.xml`, bytes: badFormat }))).toEqual(['00200'])
    const zeroRate = Buffer.from(fpr12.toString().replace(/<AliquotaIVA>22\.00</, '<AliquotaIVA>0.00<'))
    expect(codes(await check({ name: `${NAME}.xml`, bytes: zeroRate }))).toContain('00400')
  })

  it('refuses an unsigned invoice to a public administration with 00102', async () => {
    expect(codes(await check({ name: `${NAME}.xml`, bytes: fpa12 }))).toEqual(['00102'])
  })

  it('refuses a routing code no registry holds with 00311; 0000000 needs none', async () => {
    expect(codes(await check({ name: `${NAME}.xml`, bytes: fpr12 }, registry({ codes: [] })))).toEqual(['00311'])
    const toPec = Buffer.from(fpr12.toString().replace('>ABC1234<', '>0000000<'))
    expect(await check({ name: `${NAME}.xml`, bytes: toPec }, registry({ codes: [] }))).toMatchObject({
      accepted: true,
      recipient: { code: '0000000' },
    })
  })

  it('refuses an invoice accepted before with 00404, at its number', async () => {
    const reg = registry({ keys: [`IT${validNumbers.seller}|2014|invoice|123`] })
    const verdict = await check({ name: `${NAME}.xml`, bytes: fpr12 }, reg)
    expect(verdict.accepted ? [] : verdict.errors).toEqual([
      expect.objectContaining({
        code: '00404',
        path: 'FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.Numero',
      }),
    ])
  })

  it('numbers credit notes apart from invoices', async () => {
    const creditNote = Buffer.from(fpr12.toString().replace('<TipoDocumento>TD01<', '<TipoDocumento>TD04<'))
    const reg = registry({ keys: [`IT${validNumbers.seller}|2014|invoice|123`] })
    expect(await check({ name: `${NAME}.xml`, bytes: creditNote }, reg)).toMatchObject({ accepted: true })
  })
})
