import { KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPemIdentity, loadPkcs12Identity, signCades, verifyCades, type Signer } from '../src/index.ts'
import { createTestPki, type TestPki } from '@varco/testing'
import { run } from '@varco/testing'

let pki: TestPki
const PASSWORD = 'Pa55-w0rd-not-in-messages'

beforeAll(() => {
  pki = createTestPki()
})
afterAll(() => pki.cleanup())

function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn()
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a throw')
}

// Every 16-character window of the base64 body of the private key: printing any part of it would show one.
function keyFragments(keyPem: string): string[] {
  const body = keyPem.replace(/-----[^-]+-----|\s/g, '')
  return Array.from({ length: Math.floor(body.length / 16) }, (_, i) => body.slice(i * 16, i * 16 + 16))
}

function assertNoSecrets(printed: string, keyPem: string): void {
  expect(printed).not.toContain('PRIVATE KEY')
  expect(printed).not.toContain(PASSWORD)
  for (const fragment of keyFragments(keyPem)) expect(printed).not.toContain(fragment)
}

async function signsVerifiably(signer: Signer): Promise<void> {
  const content = Buffer.from('<a>identity check</a>')
  const verdict = await verifyCades(await signCades(content, signer), { trust: [pki.ca.certPem] })
  expect(verdict.valid).toBe(true)
}

describe('PEM identities', () => {
  it('load a key and a certificate chain, and sign', async () => {
    const signer = loadPemIdentity({
      key: pki.chainedSigner.keyPem,
      certificates: pki.chainedSigner.certPem + pki.intermediate.certPem,
    })
    expect(signer.algorithm).toBe('RSA-SHA256')
    expect(signer.chain.map((ca) => ca.subject)).toEqual(['CN=Varco Test Intermediate,O=Varco Test,C=IT'])
    await signsVerifiably(signer)
  })

  it.each([
    ['PKCS#8 encrypted (AES-256-CBC)', 'pkcs8' as const],
    ['traditional encrypted PEM (Proc-Type: 4,ENCRYPTED)', 'pkcs1' as const],
  ])('load a %s key with its passphrase', async (_, type) => {
    const key = pki.signer.key.export({ type, format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSWORD }).toString()
    expect(key).toMatch(/ENCRYPTED/)
    await signsVerifiably(loadPemIdentity({ key, passphrase: PASSWORD, certificates: pki.signer.certPem }))
  })

  it('refuse a wrong passphrase with SIG_ERR_IDENTITY, naming no secret', () => {
    const key = pki.signer.key
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSWORD })
      .toString()
    const err = thrown(() => loadPemIdentity({ key, passphrase: 'wrong', certificates: pki.signer.certPem }))
    expect(err.code).toBe('SIG_ERR_IDENTITY')
    assertNoSecrets(`${err.message} ${err.stack ?? ''} ${JSON.stringify(err)}`, pki.signer.keyPem)
  })

  it('refuse a key that does not belong to the certificate', () => {
    const err = thrown(() => loadPemIdentity({ key: pki.expired.keyPem, certificates: pki.signer.certPem }))
    expect(err).toMatchObject({
      code: 'SIG_ERR_IDENTITY',
      message: 'Invalid signing identity: the private key does not match the certificate',
    })
  })

  it('print no key material in JSON, toString or inspect', () => {
    const signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
    const printed = [JSON.stringify(signer), signer.toString(), inspect(signer, { depth: 10, showHidden: true })].join(
      '\n',
    )
    expect(JSON.parse(JSON.stringify(signer))).toEqual({
      kind: 'pem',
      algorithm: 'RSA-SHA256',
      subject: 'CN=Mario Rossi,O=Varco Test,C=IT',
      issuer: 'CN=Varco Test CA,O=Varco Test,C=IT',
      serial: signer.certificate.serialHex,
    })
    assertNoSecrets(printed, pki.signer.keyPem)
  })

  it('load an EC key (ECDSA-SHA256)', async () => {
    const signer = loadPemIdentity({ key: pki.ecSigner.keyPem, certificates: pki.ecSigner.certPem })
    expect(signer.algorithm).toBe('ECDSA-SHA256')
    await signsVerifiably(signer)
  })
})

describe('PKCS#12 identities', () => {
  const p12 = (name: string, extra: readonly string[]): Buffer => {
    const out = join(pki.dir, `${name}.p12`)
    const chain = join(pki.dir, `${name}-chain.pem`)
    run('sh', ['-c', `cat '${pki.intermediate.certFile}' '${pki.ca.certFile}' > '${chain}'`])
    const args = [
      'pkcs12',
      '-export',
      '-inkey',
      pki.chainedSigner.keyFile,
      '-in',
      pki.chainedSigner.certFile,
      '-certfile',
      chain,
      '-passout',
      `pass:${PASSWORD}`,
      '-out',
      out,
      ...extra,
    ]
    const result = run('openssl', args)
    if (!result.ok) throw new Error(result.stderr)
    return readFileSync(out)
  }

  it.each([
    ['OpenSSL 3 default (PBES2 AES-256-CBC, HMAC-SHA256 MAC)', []],
    ['legacy (RC2/3DES, SHA-1 MAC)', ['-legacy']],
    ['3DES with a SHA-1 MAC', ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']],
  ])('load %s, with the intermediate as chain and without the root', async (name, extra) => {
    const signer = loadPkcs12Identity({ file: p12(name.slice(0, 6), extra), password: PASSWORD })
    expect(signer.certificate.subject).toBe('CN=Chained Signer,O=Varco Test,C=IT')
    expect(signer.chain.map((ca) => ca.subject)).toEqual(['CN=Varco Test Intermediate,O=Varco Test,C=IT'])
    expect(JSON.parse(JSON.stringify(signer))).toMatchObject({ kind: 'pkcs12' })
    assertNoSecrets(
      [JSON.stringify(signer), signer.toString(), inspect(signer, { depth: 10 })].join('\n'),
      pki.chainedSigner.keyPem,
    )
    await signsVerifiably(signer)
  })

  it('refuse a wrong password with SIG_ERR_IDENTITY, naming no secret', () => {
    const err = thrown(() => loadPkcs12Identity({ file: p12('wrong', []), password: 'not-the-password' }))
    expect(err.code).toBe('SIG_ERR_IDENTITY')
    assertNoSecrets(`${err.message} ${err.stack ?? ''}`, pki.chainedSigner.keyPem)
  })

  it('keep the private key out of reach: no property of the identity holds it', () => {
    const signer = loadPkcs12Identity({ file: p12('native', []), password: PASSWORD })
    const isPrivateKey = (value: unknown): boolean => value instanceof KeyObject && value.type === 'private'
    expect(Object.values(signer).some(isPrivateKey)).toBe(false)
    expect(Object.values(signer.certificate).some(isPrivateKey)).toBe(false)
  })
})
