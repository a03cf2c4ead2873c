import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractContent, loadPemIdentity, signCades, verifyCades, type Signer } from '../src/index.ts'
import { attribute, buildCms } from './helpers/cms.ts'
import { createTestPki, type TestPki } from '@varco/testing'
import { read, sampleInvoices } from './helpers/shared.ts'
import { run } from '@varco/testing'

let pki: TestPki
let signer: Signer
let content: Buffer
let p7m: Buffer

beforeAll(async () => {
  pki = createTestPki()
  signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
  content = read(sampleInvoices()[0]!.path)
  p7m = await signCades(content, signer)
})
afterAll(() => pki.cleanup())

const trust = (): { trust: string[] } => ({ trust: [pki.ca.certPem] })
const lines = (base64: string, eol: string): string => base64.replace(/.{64}/g, `$&${eol}`)

describe('tolerated encodings of a .p7m (as some senders deliver them; SdI-bound files should be DER)', () => {
  it.each([
    ['base64 on one line', (b64: string) => b64],
    ['base64 with LF line breaks', (b64: string) => `${lines(b64, '\n')}\n`],
    ['base64 with CRLF line breaks', (b64: string) => `${lines(b64, '\r\n')}\r\n`],
    [
      'PEM armour PKCS7, CRLF',
      (b64: string) => `-----BEGIN PKCS7-----\r\n${lines(b64, '\r\n')}\r\n-----END PKCS7-----\r\n`,
    ],
    [
      'PEM armour CMS, LF, surrounding blanks',
      (b64: string) => `\n  -----BEGIN CMS-----\n${lines(b64, '\n')}\n-----END CMS-----\n\n`,
    ],
  ])('%s', async (_, wrap) => {
    const input = Buffer.from(wrap(p7m.toString('base64')))
    const verdict = await verifyCades(input, trust())
    expect(verdict).toMatchObject({ valid: true, intact: true })
    expect(verdict.content?.equals(content)).toBe(true)
    expect(extractContent(input).equals(content)).toBe(true)
  })

  it('DER followed by a stray line end', async () => {
    expect((await verifyCades(Buffer.concat([p7m, Buffer.from('\r\n')]), trust())).valid).toBe(true)
  })

  it('BER with indefinite lengths and chunked content (openssl cms -sign -stream -cades)', async () => {
    const file = join(pki.dir, 'content.xml')
    writeFileSync(file, content)
    const args = [
      'cms',
      '-sign',
      '-cades',
      '-stream',
      '-binary',
      '-outform',
      'DER',
      '-in',
      file,
      '-signer',
      pki.signer.certFile,
      '-inkey',
      pki.signer.keyFile,
    ]
    const streamed = run('openssl', args).stdout
    expect(streamed.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x80]))
    const verdict = await verifyCades(streamed, trust())
    expect(verdict).toMatchObject({ valid: true, intact: true })
    expect(verdict.content?.equals(content)).toBe(true)
  })
})

describe('tolerated signed attributes', () => {
  const certificate = (): Signer['certificate'] => signer.certificate

  it('signingTime as GeneralizedTime', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000)
    const cms = buildCms(content, pki.signer.key, certificate(), [
      attribute.contentType(),
      attribute.generalizedSigningTime(at),
      attribute.messageDigest(content),
      attribute.signingCertificateV2(certificate()),
    ])
    const verdict = await verifyCades(cms, trust())
    expect(verdict).toMatchObject({ valid: true, signingTime: at })
  })

  it('ESS signing-certificate v1 (SHA-1 certificate hash) instead of v2', async () => {
    const cms = buildCms(content, pki.signer.key, certificate(), [
      attribute.contentType(),
      attribute.generalizedSigningTime(new Date(Date.now() - 60_000)),
      attribute.messageDigest(content),
      attribute.signingCertificateV1(certificate()),
    ])
    expect((await verifyCades(cms, trust())).valid).toBe(true)
  })
})

describe('refused CMS that is not CAdES-BES', () => {
  it('no signing-certificate attribute at all (plain openssl cms -sign): 00102', async () => {
    const file = join(pki.dir, 'plain.xml')
    writeFileSync(file, content)
    const plain = run('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-outform',
      'DER',
      '-in',
      file,
      '-signer',
      pki.signer.certFile,
      '-inkey',
      pki.signer.keyFile,
      '-nodetach',
    ]).stdout
    const verdict = await verifyCades(plain, trust())
    expect(verdict).toMatchObject({ code: '00102', intact: false })
    expect(verdict.message).toMatch(/not a CAdES-BES/)
  })

  it('a detached signature (no content): 00102', async () => {
    const file = join(pki.dir, 'detached.xml')
    writeFileSync(file, content)
    const detached = run('openssl', [
      'cms',
      '-sign',
      '-cades',
      '-binary',
      '-outform',
      'DER',
      '-in',
      file,
      '-signer',
      pki.signer.certFile,
      '-inkey',
      pki.signer.keyFile,
    ]).stdout
    expect((await verifyCades(detached, trust())).message).toMatch(/detached/)
    expect(() => extractContent(detached)).toThrow(expect.objectContaining({ code: 'SIG_ERR_INPUT' }))
  })
})
