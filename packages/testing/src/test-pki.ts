import { execFileSync } from 'node:child_process'
import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import forge from 'node-forge'

/** A certificate with its key, as PEM, and the files they were written to. */
export interface Issued {
  readonly certPem: string
  readonly keyPem: string
  readonly key: KeyObject
  readonly certFile: string
  readonly keyFile: string
}

export interface TestPki {
  readonly dir: string
  readonly ca: Issued
  readonly signer: Issued
  readonly expired: Issued
  readonly notYetValid: Issued
  readonly otherCa: Issued
  readonly otherCaSigner: Issued
  readonly wrongUsage: Issued
  readonly intermediate: Issued
  readonly chainedSigner: Issued
  readonly ecSigner: Issued
  /** Issues a certificate for a public key held elsewhere (a token), signed by the test CA. */
  issueFor(publicKeyPem: string, commonName: string): string
  cleanup(): void
}

const DAY = 86_400_000

interface CertSpec {
  readonly cn: string
  readonly notBefore: Date
  readonly notAfter: Date
  readonly ca?: boolean
  readonly usage?: 'signing' | 'encipherment' | 'ca'
}

function subjectOf(cn: string): forge.pki.CertificateField[] {
  return [
    { shortName: 'C', value: 'IT' },
    { shortName: 'O', value: 'Varco Test' },
    { shortName: 'CN', value: cn },
  ]
}

function forgeCertificate(
  spec: CertSpec,
  publicKey: forge.pki.PublicKey,
  issuer: { cn: string; key: forge.pki.rsa.PrivateKey },
): string {
  const cert = forge.pki.createCertificate()
  cert.publicKey = publicKey
  // Positive serial: a leading byte below 0x80.
  cert.serialNumber = `1${randomBytes(8).toString('hex')}`
  cert.validity.notBefore = spec.notBefore
  cert.validity.notAfter = spec.notAfter
  cert.setSubject(subjectOf(spec.cn))
  cert.setIssuer(subjectOf(issuer.cn))
  const usage =
    spec.usage === 'ca'
      ? { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true }
      : spec.usage === 'encipherment'
        ? { name: 'keyUsage', critical: true, keyEncipherment: true }
        : { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true }
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: spec.ca === true },
    usage,
    { name: 'subjectKeyIdentifier' },
  ])
  cert.sign(issuer.key, forge.md.sha256.create())
  return forge.pki.certificateToPem(cert)
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'varco-signature-'))
  const now = Date.now()
  const write = (name: string, certPem: string, key: KeyObject): Issued => {
    const keyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString()
    const certFile = join(dir, `${name}.pem`)
    const keyFile = join(dir, `${name}.key`)
    writeFileSync(certFile, certPem)
    writeFileSync(keyFile, keyPem, { mode: 0o600 })
    return { certPem, keyPem, key, certFile, keyFile }
  }
  const issue = (name: string, spec: CertSpec, issuer?: { cn: string; issued: Issued }): Issued => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const publicKey = forge.pki.publicKeyFromPem(
      createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    )
    const signingKey = forge.pki.privateKeyFromPem(
      (issuer?.issued.key ?? privateKey).export({ type: 'pkcs1', format: 'pem' }).toString(),
    )
    const pem = forgeCertificate(spec, publicKey, { cn: issuer?.cn ?? spec.cn, key: signingKey })
    return write(name, pem, privateKey)
  }
  const valid = { notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) }
  const caSpan = { notBefore: new Date(now - 365 * DAY), notAfter: new Date(now + 3650 * DAY) }
  const ca = issue('ca', { cn: 'Varco Test CA', ...caSpan, ca: true, usage: 'ca' })
  const byCa = { cn: 'Varco Test CA', issued: ca }
  const otherCa = issue('other-ca', { cn: 'Other Test CA', ...caSpan, ca: true, usage: 'ca' })
  const intermediate = issue('intermediate', { cn: 'Varco Test Intermediate', ...caSpan, ca: true, usage: 'ca' }, byCa)
  const pki: Omit<TestPki, 'ecSigner' | 'issueFor' | 'cleanup'> = {
    dir,
    ca,
    signer: issue('signer', { cn: 'Mario Rossi', ...valid }, byCa),
    expired: issue(
      'expired',
      { cn: 'Expired Signer', notBefore: new Date(now - 730 * DAY), notAfter: new Date(now - 365 * DAY) },
      byCa,
    ),
    notYetValid: issue(
      'not-yet-valid',
      { cn: 'Future Signer', notBefore: new Date(now + 365 * DAY), notAfter: new Date(now + 730 * DAY) },
      byCa,
    ),
    otherCa,
    otherCaSigner: issue('other-ca-signer', { cn: 'Stranger', ...valid }, { cn: 'Other Test CA', issued: otherCa }),
    wrongUsage: issue('wrong-usage', { cn: 'Encipherment Only', ...valid, usage: 'encipherment' }, byCa),
    intermediate,
    chainedSigner: issue(
      'chained-signer',
      { cn: 'Chained Signer', ...valid },
      { cn: 'Varco Test Intermediate', issued: intermediate },
    ),
  }
  const ecSigner = issueEc(dir, ca)
  const issueFor = (publicKeyPem: string, commonName: string): string =>
    forgeCertificate({ cn: commonName, ...valid }, forge.pki.publicKeyFromPem(publicKeyPem), {
      cn: 'Varco Test CA',
      key: forge.pki.privateKeyFromPem(ca.key.export({ type: 'pkcs1', format: 'pem' }).toString()),
    })
  return { ...pki, ecSigner, issueFor, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

// forge cannot put an EC key in a certificate: the EC signer is issued with the openssl CLI.
function issueEc(dir: string, ca: Issued): Issued {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const keyFile = join(dir, 'ec-signer.key')
  const certFile = join(dir, 'ec-signer.pem')
  const extFile = join(dir, 'ec-ext.cnf')
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  writeFileSync(keyFile, keyPem, { mode: 0o600 })
  writeFileSync(extFile, 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=critical,CA:FALSE\n')
  const quiet = { stdio: ['pipe', 'pipe', 'pipe'] as 'pipe'[] }
  const csr = execFileSync(
    'openssl',
    ['req', '-new', '-key', keyFile, '-subj', '/C=IT/O=Varco Test/CN=EC Signer'],
    quiet,
  )
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-CA',
      ca.certFile,
      '-CAkey',
      ca.keyFile,
      '-set_serial',
      '4242',
      '-days',
      '30',
      '-sha256',
      '-extfile',
      extFile,
      '-out',
      certFile,
    ],
    { input: csr, ...quiet },
  )
  const certPem = execFileSync('openssl', ['x509', '-in', certFile], quiet).toString()
  return { certPem, keyPem, key: privateKey, certFile, keyFile }
}
