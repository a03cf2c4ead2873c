import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractContent, loadPemIdentity, signCades, verifyCades, type Signer } from '../src/index.ts'
import { createTestPki, type TestPki } from '@varco/testing'
import { LEGACY_P7M, read, sampleInvoices } from './helpers/shared.ts'
import { opensslVerify, run } from '@varco/testing'

let pki: TestPki
let signer: Signer
let ecSigner: Signer

beforeAll(() => {
  pki = createTestPki()
  signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
  ecSigner = loadPemIdentity({ key: pki.ecSigner.keyPem, certificates: pki.ecSigner.certPem })
})
afterAll(() => pki.cleanup())

function flip(buffer: Buffer, index: number): Buffer {
  const copy = Buffer.from(buffer)
  copy[index] = copy[index]! ^ 0x01
  return copy
}

describe('signCades', () => {
  it.each(sampleInvoices().map((invoice) => [invoice.name, invoice.path]))(
    'signs %s so that openssl cms -verify accepts it and returns the content byte for byte',
    async (_, path) => {
      const content = read(path)
      const p7m = await signCades(content, signer)
      const verified = opensslVerify(pki.dir, p7m, pki.ca.certFile)
      expect(verified.stderr).toContain('Verification successful')
      expect(verified.stdout.equals(content)).toBe(true)
    },
  )

  it('signs with an EC key (ECDSA-SHA256), verified by openssl', async () => {
    const content = read(sampleInvoices()[0]!.path)
    const verified = opensslVerify(pki.dir, await signCades(content, ecSigner), pki.ca.certFile)
    expect(verified.ok).toBe(true)
    expect(verified.stdout.equals(content)).toBe(true)
  })

  it('writes CAdES-BES: SignedData v1, id-data, SHA-256, the four signed attributes, the certificate', async () => {
    const file = join(pki.dir, 'structure.p7m')
    writeFileSync(
      file,
      await signCades(read(sampleInvoices()[0]!.path), signer, { signingTime: new Date('2026-01-02T03:04:05Z') }),
    )
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file]).stdout.toString()
    expect(printed).toMatch(/contentType: pkcs7-signedData/)
    expect(printed).toMatch(/eContentType: pkcs7-data/)
    expect(printed).toMatch(/digestAlgorithm:\s+algorithm: sha256/)
    for (const attribute of ['contentType', 'signingTime', 'messageDigest', 'id-smime-aa-signingCertificateV2']) {
      expect(printed).toContain(`object: ${attribute}`)
    }
    expect(printed).toContain('UTCTIME:Jan  2 03:04:05 2026 GMT')
    expect(printed).toContain('CN=Mario Rossi')
  })

  it('writes signingTime as GeneralizedTime from 2050 (RFC 5652 §11.3)', async () => {
    const file = join(pki.dir, 'time-2051.p7m')
    writeFileSync(file, await signCades(Buffer.from('<a/>'), signer, { signingTime: new Date('2051-06-07T08:09:10Z') }))
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file]).stdout.toString()
    expect(printed).toContain('GENERALIZEDTIME:Jun  7 08:09:10 2051 GMT')
  })

  it('round-trips through our verifier with byte-identical content', async () => {
    const content = read(sampleInvoices()[1]!.path)
    const verdict = await verifyCades(await signCades(content, signer), { trust: [pki.ca.certPem] })
    expect(verdict).toMatchObject({
      valid: true,
      intact: true,
      format: 'cades',
      message: 'signature valid',
      revocation: 'not-checked',
    })
    expect(verdict.code).toBeUndefined()
    expect(verdict.content?.equals(content)).toBe(true)
    expect(verdict.signer?.subject).toBe('CN=Mario Rossi,O=Varco Test,C=IT')
  })

  it('signs a ~400 KB file (content framed outside forge) that openssl verifies', async () => {
    const content = Buffer.alloc(400_000, 'x')
    expect(opensslVerify(pki.dir, await signCades(content, signer), pki.ca.certFile).stdout.equals(content)).toBe(true)
  })
})

describe('verifyCades on tampered files', () => {
  const trust = (): { trust: string[] } => ({ trust: [pki.ca.certPem] })

  it('rejects a byte changed in the content with 00102', async () => {
    const content = read(sampleInvoices()[0]!.path)
    const p7m = await signCades(content, signer)
    const at = p7m.indexOf(content) + 1000
    const verdict = await verifyCades(flip(p7m, at), trust())
    expect(verdict).toMatchObject({ valid: false, code: '00102', intact: false })
    expect(verdict.message).toMatch(/altered/)
    expect(verdict.content).toBeUndefined()
  })

  it('rejects a byte changed in the signed attributes (the signing time) with 00102', async () => {
    const p7m = await signCades(read(sampleInvoices()[0]!.path), signer, {
      signingTime: new Date('2026-01-02T03:04:05Z'),
    })
    const at = p7m.indexOf(Buffer.from('260102030405Z'))
    expect(at).toBeGreaterThan(0)
    const verdict = await verifyCades(flip(p7m, at + 11), trust())
    expect(verdict).toMatchObject({ code: '00102', intact: false })
    expect(verdict.message).toMatch(/signature value does not verify/)
  })

  it('rejects a byte changed in the certificate with 00102', async () => {
    const p7m = await signCades(read(sampleInvoices()[0]!.path), signer)
    const at = p7m.indexOf(Buffer.from('Mario Rossi')) // the subject, inside the embedded certificate
    const verdict = await verifyCades(flip(p7m, at + 3), trust())
    expect(verdict).toMatchObject({ code: '00102', intact: false })
    expect(verdict.message).toMatch(/certificate/)
  })

  it('rejects garbage and truncated files with 00102 and a reason, without throwing', async () => {
    const p7m = await signCades(read(sampleInvoices()[0]!.path), signer)
    for (const input of [
      Buffer.from('not a signature'),
      p7m.subarray(0, 500),
      Buffer.alloc(0),
      Buffer.from([0x30, 0x80]),
    ]) {
      const verdict = await verifyCades(input, trust())
      expect(verdict).toMatchObject({ valid: false, code: '00102', intact: false })
      expect(verdict.message.length).toBeGreaterThan(10)
    }
  })
})

describe('the official CAdES sample (legacy/IT01234567890_11111.xml.p7m)', () => {
  it('is BER (indefinite lengths, chunked content), intact, and reported expired with its signer and dates', async () => {
    const verdict = await verifyCades(read(LEGACY_P7M), { trust: [] })
    expect(verdict.intact).toBe(true)
    expect(verdict.code).toBe('00100')
    expect(verdict.problems.map((problem) => problem.code)).toEqual(['00100', '00104'])
    expect(verdict.signer).toMatchObject({
      issuer: 'OU=CA Sogei Test,OU=Servizi Interni di Certificazione,O=Sogei SpA,C=IT',
      serial: '442baf3a',
      notBefore: new Date('2012-12-20T10:24:47Z'),
      notAfter: new Date('2016-03-29T13:33:44Z'),
    })
    expect(verdict.signer?.subject).toContain('CN=Giordano Bigarelli')
    expect(verdict.signingTime).toEqual(new Date('2014-02-06T09:38:42Z'))
  })

  it('is valid but for trust when received while its certificate was valid (the CA is not in the samples: 00104)', async () => {
    const verdict = await verifyCades(read(LEGACY_P7M), { trust: [], receivedAt: new Date('2014-02-07T00:00:00Z') })
    expect(verdict.problems.map((problem) => problem.code)).toEqual(['00104'])
  })

  it('gives the same content as openssl (which differs from the .xml next to it: that one is a v1.1 invoice)', async () => {
    const ours = extractContent(read(LEGACY_P7M))
    const theirs = run('openssl', [
      'cms',
      '-verify',
      '-noverify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      LEGACY_P7M,
    ]).stdout
    expect(ours.equals(theirs)).toBe(true)
    expect(ours.toString('utf8')).toContain('versione="1.0"')
    expect((await verifyCades(read(LEGACY_P7M), { trust: [] })).content?.equals(theirs)).toBe(true)
  })
})
