import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPkcs11Identity, signCades, signXades, verifyFile, type Pkcs11Signer } from '../src/index.ts'
import { createTestPki, type TestPki } from '@varco/testing'
import { read, sampleInvoices } from './helpers/shared.ts'
import { provisionToken, SOFTHSM_MODULE, type ProvisionedToken } from './helpers/softhsm.ts'
import { opensslVerify, xmlsecVerify } from '@varco/testing'

let pki: TestPki
let token: ProvisionedToken
let rsa: Pkcs11Signer
let content: Buffer
let wrongPin: unknown

beforeAll(async () => {
  pki = createTestPki()
  token = provisionToken(pki)
  content = read(sampleInvoices()[0]!.path)
  // Before any login: PKCS#11 login state is per application and token, so once this process is logged in, another
  // C_Login answers CKR_USER_ALREADY_LOGGED_IN whatever the PIN.
  wrongPin = await openPkcs11Identity({
    module: SOFTHSM_MODULE,
    tokenLabel: token.label,
    pin: '999999',
    keyLabel: 'rsa',
    certificates: token.rsaCertPem,
  }).catch((err: unknown) => err)
  rsa = await openPkcs11Identity({
    module: SOFTHSM_MODULE,
    tokenLabel: token.label,
    pin: token.pin,
    keyLabel: 'rsa',
    certificates: token.rsaCertPem,
  })
})
afterAll(async () => {
  await rsa.close()
  token.cleanup()
  pki.cleanup()
})

describe('a signing key generated inside a SoftHSM2 token', () => {
  it('is sensitive and not extractable: its private exponent cannot be read', () => {
    expect(token.privateKey).toMatchObject({ extractable: false, sensitive: true })
    expect(token.privateKey.exponentError).toMatch(/CKR_ATTRIBUTE_SENSITIVE/)
  })

  it('makes CAdES signatures that openssl verifies (C_Sign, CKM_SHA256_RSA_PKCS)', async () => {
    const verified = opensslVerify(pki.dir, await signCades(content, rsa), pki.ca.certFile)
    expect(verified.ok).toBe(true)
    expect(verified.stdout.equals(content)).toBe(true)
  })

  it('makes XAdES signatures that xmlsec1 verifies', async () => {
    const signed = await signXades(content, rsa)
    expect(xmlsecVerify(pki.dir, signed, pki.ca.certFile).ok).toBe(true)
    expect((await verifyFile(signed, { trust: [pki.ca.certPem] })).valid).toBe(true)
  })

  it('serialises concurrent signatures on its one session', async () => {
    const signed = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? signCades(content, rsa) : signXades(content, rsa))),
    )
    const verdicts = await Promise.all(signed.map((file) => verifyFile(file, { trust: [pki.ca.certPem] })))
    expect(verdicts.every((verdict) => verdict.valid)).toBe(true)
  })

  it('finds its certificate on the token by CKA_ID when none is given', async () => {
    const fromToken = await openPkcs11Identity({
      module: SOFTHSM_MODULE,
      tokenLabel: token.label,
      pin: token.pin,
      keyId: '01',
    })
    try {
      expect(fromToken.certificate.subject).toBe('CN=HSM Signer,O=Varco Test,C=IT')
      expect(opensslVerify(pki.dir, await signCades(content, fromToken), pki.ca.certFile).ok).toBe(true)
    } finally {
      await fromToken.close()
    }
  })

  it('signs with an EC token key too (SHA-256 here, CKM_ECDSA in the token, r||s turned into DER)', async () => {
    const ec = await openPkcs11Identity({
      module: SOFTHSM_MODULE,
      tokenLabel: token.label,
      pin: token.pin,
      keyLabel: 'ec',
      certificates: token.ecCertPem,
    })
    try {
      expect(ec.algorithm).toBe('ECDSA-SHA256')
      expect(opensslVerify(pki.dir, await signCades(content, ec), pki.ca.certFile).ok).toBe(true)
      expect(xmlsecVerify(pki.dir, await signXades(content, ec), pki.ca.certFile).ok).toBe(true)
    } finally {
      await ec.close()
    }
  })

  it('prints neither the PIN nor key material', () => {
    const printed = [JSON.stringify(rsa), rsa.toString(), inspect(rsa, { depth: 10 })].join('\n')
    expect(printed).not.toContain(token.pin)
    expect(JSON.parse(JSON.stringify(rsa))).toMatchObject({
      kind: 'pkcs11',
      token: token.label,
      subject: 'CN=HSM Signer,O=Varco Test,C=IT',
    })
  })
})

describe('PKCS#11 errors', () => {
  it('a wrong PIN is SIG_ERR_PKCS11 (CKR_PIN_INCORRECT) without the PIN in the message', () => {
    expect(wrongPin).toMatchObject({ code: 'SIG_ERR_PKCS11' })
    expect((wrongPin as Error).message).toContain('CKR_PIN_INCORRECT')
    expect((wrongPin as Error).message).not.toContain('999999')
  })

  it('an unknown token, an unknown key, a key that does not match the certificate: coded errors', async () => {
    const base = { module: SOFTHSM_MODULE, tokenLabel: token.label, pin: token.pin, certificates: token.rsaCertPem }
    await expect(openPkcs11Identity({ ...base, tokenLabel: 'nope', keyLabel: 'rsa' })).rejects.toMatchObject({
      code: 'SIG_ERR_PKCS11',
    })
    await expect(openPkcs11Identity({ ...base, keyLabel: 'nope' })).rejects.toMatchObject({ code: 'SIG_ERR_IDENTITY' })
    await expect(openPkcs11Identity({ ...base, keyLabel: 'ec' })).rejects.toMatchObject({ code: 'SIG_ERR_IDENTITY' })
  })

  it('a closed identity refuses to sign', async () => {
    const identity = await openPkcs11Identity({
      module: SOFTHSM_MODULE,
      tokenLabel: token.label,
      pin: token.pin,
      keyLabel: 'rsa',
      certificates: token.rsaCertPem,
    })
    await identity.close()
    await expect(identity.sign(Buffer.from('x'))).rejects.toMatchObject({ code: 'SIG_ERR_SIGN' })
  })
})
