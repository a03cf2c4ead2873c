import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPemIdentity, signCades, signXades, trustStoreFrom, type TrustStore } from '@varco/signature'
import { createTestPki, sdiSample, validSampleInvoice, type TestPki } from '@varco/testing'
import { checkSignature } from '../src/domain/signed-file.ts'

let pki: TestPki
let trust: TrustStore
const invoice = Buffer.from(validSampleInvoice())

beforeAll(() => {
  pki = createTestPki()
  trust = trustStoreFrom([pki.ca.certPem])
})
afterAll(() => pki.cleanup())

const signer = () => loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
const codesOf = (outcome: Awaited<ReturnType<typeof checkSignature>>) =>
  outcome.ok ? [] : outcome.errors.map((error) => error.code)

describe('the signature stage of validation', () => {
  it('passes unsigned XML through unchanged, even with the xmlns:ds declaration of the samples', async () => {
    const outcome = await checkSignature(invoice, { trust, receivedAt: new Date() })
    expect(outcome).toEqual({ ok: true, content: invoice })
  })

  it('unwraps a trusted CAdES file into the exact bytes that were signed', async () => {
    const p7m = await signCades(invoice, signer())
    expect(await checkSignature(p7m, { trust, receivedAt: new Date() })).toEqual({
      ok: true,
      content: invoice,
      signedBy: 'cades',
    })
  })

  it('accepts a base64 .p7m with line breaks, as some senders deliver them', async () => {
    const base64 = Buffer.from((await signCades(invoice, signer())).toString('base64').replace(/(.{64})/g, '$1\r\n'))
    const outcome = await checkSignature(base64, { trust, receivedAt: new Date() })
    expect(outcome.ok && outcome.content.equals(invoice)).toBe(true)
  })

  it('keeps a XAdES file whole: the ds:Signature is part of what the schema allows', async () => {
    const signed = await signXades(invoice, signer())
    expect(await checkSignature(signed, { trust, receivedAt: new Date() })).toEqual({
      ok: true,
      content: signed,
      signedBy: 'xades',
    })
  })

  it('refuses a CAdES file altered after signing with 00102', async () => {
    const p7m = await signCades(invoice, signer())
    const at = p7m.indexOf(Buffer.from('<Numero>'))
    p7m[at + 8] = p7m[at + 8]! ^ 1
    expect(codesOf(await checkSignature(p7m, { trust, receivedAt: new Date() }))).toContain('00102')
  })

  it('refuses a signer outside the trust bundle with 00104, and leaves that check to SdI when none is set', async () => {
    const other = loadPemIdentity({ key: pki.otherCaSigner.keyPem, certificates: pki.otherCaSigner.certPem })
    const p7m = await signCades(invoice, other)
    expect(codesOf(await checkSignature(p7m, { trust, receivedAt: new Date() }))).toEqual(['00104'])
    expect((await checkSignature(p7m, { trust: undefined, receivedAt: new Date() })).ok).toBe(true)
  })

  it('reports the official 2014 sample as expired (00100), not as unreadable', async () => {
    const legacy = sdiSample('samples/legacy/IT01234567890_11111.xml.p7m')
    const outcome = await checkSignature(legacy, { trust: undefined, receivedAt: new Date() })
    expect(codesOf(outcome)).toEqual(['00100'])
    expect(outcome.ok ? undefined : outcome.errors[0]?.message.it).toMatch(/^Certificato di firma scaduto: /)
  })

  it('judges a signature by the reception date: the same sample, received in June 2014, is in time', async () => {
    const legacy = sdiSample('samples/legacy/IT01234567890_11111.xml.p7m')
    const outcome = await checkSignature(legacy, { trust: undefined, receivedAt: new Date('2014-06-10T10:00:00Z') })
    expect(outcome.ok).toBe(true)
  })
})
