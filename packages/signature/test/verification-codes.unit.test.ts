import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loadPemIdentity,
  signFile,
  verifyFile,
  type SignatureFormat,
  type Signer,
  type VerifyOptions,
} from '../src/index.ts'
import { attribute, buildCms } from './helpers/cms.ts'
import { createTestPki, type Issued, type TestPki } from '@varco/testing'
import { read, sampleInvoices } from './helpers/shared.ts'
import { xmlsecSign } from './helpers/xmlsec-sign.ts'

let pki: TestPki
let content: Buffer

beforeAll(() => {
  pki = createTestPki()
  content = read(sampleInvoices()[0]!.path)
})
afterAll(() => pki.cleanup())

const identity = (issued: Issued, chain = ''): Signer =>
  loadPemIdentity({ key: issued.keyPem, certificates: issued.certPem + chain })
const options = (extra: Partial<VerifyOptions> = {}): VerifyOptions => ({ trust: [pki.ca.certPem], ...extra })
const codes = (verdict: { problems: readonly { code: string }[] }): string[] =>
  verdict.problems.map((problem) => problem.code)

describe.each(['cades', 'xades'] as const)('%s verdicts', (format: SignatureFormat) => {
  const signed = (issued: Issued, signingTime?: Date, chain?: string): Promise<Buffer> =>
    signFile(content, {
      format,
      signer: identity(issued, chain),
      ...(signingTime === undefined ? {} : { signingTime }),
    })

  it('valid: trusted chain, valid certificate, signing time before reception', async () => {
    const verdict = await verifyFile(await signed(pki.signer), options())
    expect(verdict).toMatchObject({ valid: true, problems: [], intact: true, format })
  })

  it('valid through an intermediate CA carried in the signature', async () => {
    const verdict = await verifyFile(await signed(pki.chainedSigner, undefined, pki.intermediate.certPem), options())
    expect(verdict.valid).toBe(true)
  })

  it('expired certificate: 00100, intact, with the signer and its dates', async () => {
    const verdict = await verifyFile(await signed(pki.expired), options())
    expect(verdict).toMatchObject({ valid: false, code: '00100', intact: true })
    expect(verdict.signer).toMatchObject({ subject: 'CN=Expired Signer,O=Varco Test,C=IT' })
    expect(verdict.signer!.notAfter.getTime()).toBeLessThan(Date.now())
  })

  it('certificate not yet valid: 00107 (not expired: it was never valid to sign with)', async () => {
    const verdict = await verifyFile(await signed(pki.notYetValid), options())
    expect(verdict).toMatchObject({ code: '00107', intact: true })
    expect(verdict.message).toMatch(/not valid before/)
  })

  it('certificate from a CA outside the trust bundle: 00104', async () => {
    const verdict = await verifyFile(await signed(pki.otherCaSigner), options())
    expect(verdict).toMatchObject({ code: '00104', intact: true })
    expect(codes(verdict)).toEqual(['00104'])
  })

  it('several CAs in the bundle: the other CA, once trusted, is accepted', async () => {
    const verdict = await verifyFile(
      await signed(pki.otherCaSigner),
      options({ trust: [pki.ca.certPem + pki.otherCa.certPem] }),
    )
    expect(verdict.valid).toBe(true)
  })

  it('certificate without digitalSignature or nonRepudiation key usage: 00107', async () => {
    const verdict = await verifyFile(await signed(pki.wrongUsage), options())
    expect(verdict).toMatchObject({ code: '00107', intact: true })
    expect(verdict.message).toMatch(/key usage/)
  })

  it('signing time after the reception time: 00105', async () => {
    const verdict = await verifyFile(
      await signed(pki.signer),
      options({ receivedAt: new Date(Date.now() - 3_600_000) }),
    )
    expect(verdict).toMatchObject({ code: '00105', intact: true })
  })

  it('revocation: not checked without a hook; 00101 when the hook says revoked', async () => {
    const file = await signed(pki.signer)
    expect((await verifyFile(file, options())).revocation).toBe('not-checked')
    const revoked = await verifyFile(file, options({ checkRevocation: async () => 'revoked' }))
    expect(revoked).toMatchObject({ code: '00101', revocation: 'revoked' })
    const good = await verifyFile(
      file,
      options({
        checkRevocation: async (_signer, issuer) => (issuer?.subject.includes('Varco Test CA') ? 'good' : 'unknown'),
      }),
    )
    expect(good).toMatchObject({ valid: true, revocation: 'good' })
  })
})

describe('signatures without a signing time: 00103', () => {
  it('CAdES without the signingTime attribute', async () => {
    const signer = identity(pki.signer)
    const cms = buildCms(content, pki.signer.key, signer.certificate, [
      attribute.contentType(),
      attribute.messageDigest(content),
      attribute.signingCertificateV2(signer.certificate),
    ])
    const verdict = await verifyFile(cms, options())
    expect(verdict).toMatchObject({ code: '00103', intact: true })
    expect(verdict.signingTime).toBeUndefined()
  })

  it('XAdES without xades:SigningTime (signed by xmlsec1 from a template, XPath Filter 2.0)', async () => {
    const certificate = identity(pki.signer).certificate
    const signed = xmlsecSign(pki.dir, content, {
      keyFile: pki.signer.keyFile,
      certFile: pki.signer.certFile,
      certificate,
      signingTime: undefined,
      transform: 'filter2',
    })
    const verdict = await verifyFile(signed, options())
    expect(verdict).toMatchObject({ code: '00103', intact: true })
  })
})

describe('XAdES from another producer', () => {
  it.each(['enveloped', 'filter2'] as const)('xmlsec1 with the %s transform is accepted', async (transform) => {
    const certificate = identity(pki.signer).certificate
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000)
    const signed = xmlsecSign(pki.dir, content, {
      keyFile: pki.signer.keyFile,
      certFile: pki.signer.certFile,
      certificate,
      signingTime,
      transform,
    })
    const verdict = await verifyFile(signed, options())
    expect(verdict).toMatchObject({ valid: true, signingTime })
  })
})
