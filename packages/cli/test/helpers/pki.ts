import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The extensions a verifier expects: a CA that may certify, a signer whose key usage allows non-repudiation.
const CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`

/** The files `createCliPki` makes in its directory. */
const FILES = ['ca.pem', 'other-ca.pem', 'signer.pem', 'signer.key', 'signer-encrypted.key', 'signer.p12'] as const

export interface CliTestPki {
  readonly dir: string
  /** Of signer.p12; spaces and punctuation, which must reach the loader unchanged. */
  readonly password: string
  /** Of signer-encrypted.key. */
  readonly passphrase: string
  /** The signer's serial number, as the CLI prints it (lowercase hex). */
  readonly serial: string
  path(name: string): string
  /** The PKI files by name, for a memory io. */
  files(): Record<string, Buffer>
  cleanup(): void
}

/** A test CA, a signer it certified (PEM key, encrypted PEM key, .p12 with the CA) and an unrelated CA, by openssl. */
export function createCliPki(): CliTestPki {
  const dir = mkdtempSync(join(tmpdir(), 'varco-cli-pki-'))
  const path = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  const password = 'p12 secret: #1!'
  const passphrase = 'pem-passphrase-42'
  const serial = '1f2e3d4c5b'
  writeFileSync(path('openssl.cnf'), CONFIG)
  const req = (name: string, cn: string) => [
    ...['req', '-config', 'openssl.cnf', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`],
    ...['-subj', `/C=IT/O=Varco Test/CN=${cn}`],
  ]
  for (const [name, cn] of [
    ['ca', 'Varco CLI Test CA'],
    ['other-ca', 'Other CLI Test CA'],
  ] as const) {
    openssl(...req(name, cn), '-x509', '-extensions', 'ca', '-days', '30', '-out', `${name}.pem`)
  }
  openssl(...req('signer', 'Mario Rossi'), '-new', '-out', 'signer.csr')
  openssl(
    ...['x509', '-req', '-in', 'signer.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', `0x${serial}`],
    ...['-days', '30', '-sha256', '-extfile', 'openssl.cnf', '-extensions', 'signer', '-out', 'signer.pem'],
  )
  openssl('pkey', '-in', 'signer.key', '-aes256', '-passout', `pass:${passphrase}`, '-out', 'signer-encrypted.key')
  openssl(
    ...['pkcs12', '-export', '-inkey', 'signer.key', '-in', 'signer.pem', '-certfile', 'ca.pem'],
    ...['-passout', `pass:${password}`, '-out', 'signer.p12'],
  )
  return {
    dir,
    password,
    passphrase,
    serial,
    path,
    files: () => Object.fromEntries(FILES.map((name) => [name, readFileSync(path(name))])),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
