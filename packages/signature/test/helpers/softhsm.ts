import { spawnSync } from 'node:child_process'
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pkcs11js from 'pkcs11js'
import { parseCertificate } from '../../src/x509/certificate.ts'
import type { TestPki } from '@varco/testing'

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so'

export interface ProvisionedToken {
  readonly label: string
  readonly pin: string
  readonly rsaCertPem: string
  readonly ecCertPem: string
  /** What the token says about the RSA private key, read right after generating it. */
  readonly privateKey: { readonly extractable: boolean; readonly sensitive: boolean; readonly exponentError: string }
  cleanup(): void
}

type Pkcs11 = InstanceType<typeof pkcs11js.PKCS11>
type Handle = Buffer
const { CKA_CLASS, CKA_TOKEN, CKA_LABEL, CKA_ID, CKA_PRIVATE, CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_SIGN, CKA_VERIFY } =
  pkcs11js
const b64url = (bytes: Buffer): string => bytes.toString('base64url')
const flag = (value: Buffer | undefined): boolean => value?.[0] === 1

function keyPair(pkcs11: Pkcs11, session: Handle, kind: 'rsa' | 'ec'): { publicKey: Handle; privateKey: Handle } {
  const id = Buffer.from(kind === 'rsa' ? '01' : '02', 'hex')
  const common = [
    { type: CKA_TOKEN, value: true },
    { type: CKA_LABEL, value: kind },
    { type: CKA_ID, value: id },
  ]
  const publicTemplate =
    kind === 'rsa'
      ? [
          ...common,
          { type: CKA_VERIFY, value: true },
          { type: pkcs11js.CKA_MODULUS_BITS, value: 2048 },
          { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
        ]
      : [
          ...common,
          { type: CKA_VERIFY, value: true },
          { type: pkcs11js.CKA_EC_PARAMS, value: Buffer.from('06082a8648ce3d030107', 'hex') },
        ]
  // The private key is generated inside the token and marked sensitive and not extractable: it can sign, never leave.
  const privateTemplate = [
    ...common,
    { type: CKA_PRIVATE, value: true },
    { type: CKA_SIGN, value: true },
    { type: CKA_SENSITIVE, value: true },
    { type: CKA_EXTRACTABLE, value: false },
  ]
  const mechanism = kind === 'rsa' ? pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN : pkcs11js.CKM_EC_KEY_PAIR_GEN
  return pkcs11.C_GenerateKeyPair(session, { mechanism }, publicTemplate, privateTemplate)
}

function publicKeyPem(pkcs11: Pkcs11, session: Handle, handle: Handle, kind: 'rsa' | 'ec'): string {
  if (kind === 'rsa') {
    const [n, e] = pkcs11.C_GetAttributeValue(session, handle, [
      { type: pkcs11js.CKA_MODULUS },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT },
    ])
    return createPublicKey({ key: { kty: 'RSA', n: b64url(n!.value), e: b64url(e!.value) }, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString()
  }
  // CKA_EC_POINT is a DER OCTET STRING around the uncompressed point 04 || x || y.
  const point = pkcs11.C_GetAttributeValue(session, handle, [{ type: pkcs11js.CKA_EC_POINT }])[0]!.value.subarray(2)
  const jwk = { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }
  return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString()
}

// forge cannot put an EC key in a certificate: openssl issues it, with the token's public key forced into it.
function issueEc(pki: TestPki, dir: string, publicPem: string): string {
  const throwaway = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  for (const [name, text] of [
    ['throwaway.key', throwaway],
    ['hsm-ec.pub', publicPem],
    ['ext.cnf', 'keyUsage=critical,nonRepudiation\n'],
  ])
    writeFileSync(join(dir, name!), text!)
  const csr = spawnSync('openssl', [
    'req',
    '-new',
    '-key',
    join(dir, 'throwaway.key'),
    '-subj',
    '/C=IT/O=Varco Test/CN=HSM EC Signer',
  ]).stdout
  const args = [
    'x509',
    '-req',
    '-CA',
    pki.ca.certFile,
    '-CAkey',
    pki.ca.keyFile,
    '-force_pubkey',
    join(dir, 'hsm-ec.pub'),
    '-set_serial',
    '77',
    '-days',
    '30',
    '-extfile',
    join(dir, 'ext.cnf'),
  ]
  return spawnSync('openssl', args, { input: csr }).stdout.toString()
}

function storeCertificate(pkcs11: Pkcs11, session: Handle, certPem: string): void {
  const der = Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64')
  const certificate = parseCertificate(der)
  pkcs11.C_CreateObject(session, [
    { type: CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    { type: CKA_TOKEN, value: true },
    { type: CKA_LABEL, value: 'rsa' },
    { type: CKA_ID, value: Buffer.from('01', 'hex') },
    { type: pkcs11js.CKA_SUBJECT, value: certificate.subjectDer },
    { type: pkcs11js.CKA_VALUE, value: der },
  ])
}

function inspectPrivateKey(pkcs11: Pkcs11, session: Handle, privateKey: Handle): ProvisionedToken['privateKey'] {
  const [extractable, sensitive] = pkcs11.C_GetAttributeValue(session, privateKey, [
    { type: CKA_EXTRACTABLE },
    { type: CKA_SENSITIVE },
  ])
  let exponentError = 'readable'
  try {
    pkcs11.C_GetAttributeValue(session, privateKey, [{ type: pkcs11js.CKA_PRIVATE_EXPONENT }])
  } catch (err) {
    exponentError = (err as Error).message
  }
  return { extractable: flag(extractable?.value), sensitive: flag(sensitive?.value), exponentError }
}

/**
 * A SoftHSM2 token in a temp dir (SOFTHSM2_CONF points at its own config and token dir), with an RSA and an EC key
 * pair generated inside it, certificates for them from the test CA, and the RSA certificate stored on the token.
 */
export function provisionToken(pki: TestPki): ProvisionedToken {
  const dir = mkdtempSync(join(tmpdir(), 'varco-softhsm-'))
  mkdirSync(join(dir, 'tokens'))
  const conf = join(dir, 'softhsm2.conf')
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`)
  process.env.SOFTHSM2_CONF = conf
  const label = 'varco-test'
  const pin = '123456'
  const init = spawnSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '654321'],
    { env: process.env },
  )
  if (init.status !== 0) throw new Error(`softhsm2-util failed: ${init.stderr.toString()}`)
  const pkcs11 = new pkcs11js.PKCS11()
  pkcs11.load(SOFTHSM_MODULE)
  pkcs11.C_Initialize()
  try {
    const slot = pkcs11.C_GetSlotList(true).find((s) => pkcs11.C_GetTokenInfo(s).label.trim() === label)!
    const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION)
    pkcs11.C_Login(session, pkcs11js.CKU_USER, pin)
    const rsa = keyPair(pkcs11, session, 'rsa')
    const ec = keyPair(pkcs11, session, 'ec')
    const rsaCertPem = pki.issueFor(publicKeyPem(pkcs11, session, rsa.publicKey, 'rsa'), 'HSM Signer')
    const ecCertPem = issueEc(pki, dir, publicKeyPem(pkcs11, session, ec.publicKey, 'ec'))
    storeCertificate(pkcs11, session, rsaCertPem)
    const privateKey = inspectPrivateKey(pkcs11, session, rsa.privateKey)
    pkcs11.C_Logout(session)
    pkcs11.C_CloseSession(session)
    return {
      label,
      pin,
      rsaCertPem,
      ecCertPem,
      privateKey,
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    }
  } finally {
    pkcs11.C_Finalize()
    pkcs11.close()
  }
}
