import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A certificate and its key, as files (PEM) in the PKI's directory. */
export interface Issued {
  readonly certFile: string
  readonly keyFile: string
  readonly certPem: string
  readonly keyPem: string
  readonly subject: string
}

export interface TestPki {
  readonly dir: string
  readonly ca: Issued
  /** The directory to give the service as SIGNING_SECRETS_DIR. */
  readonly secretsDir: string
  /** Issues a signing certificate from the CA; `startdate`/`enddate` as YYYYMMDDHHMMSSZ, else valid for a year. */
  issue(name: string, options?: { readonly startdate?: string; readonly enddate?: string }): Issued
  /** Packs a signer's key and certificate (and the CA) into a PKCS#12 file protected by `password`. */
  pkcs12(issued: Issued, password: string): string
  /** The signer's key encrypted (AES-256) under `passphrase`, as PEM. */
  encryptedKey(issued: Issued, passphrase: string): string
  /** Writes a secret into the secrets directory, with the trailing newline `echo` would add. */
  secret(name: string, value: string): void
  cleanup(): void
}

const openssl = (args: readonly string[]): Buffer => execFileSync('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] })

const CA_CONFIG = `
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = DIR
database = $dir/index.txt
new_certs_dir = $dir/issued
serial = $dir/serial
default_md = sha256
default_days = 365
policy = any_name
preserve = yes
unique_subject = no
x509_extensions = signer
[ any_name ]
countryName = optional
organizationName = optional
commonName = supplied
[ signer ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
`

/**
 * A test CA in a temp dir, made with the openssl CLI: `openssl req -x509` for the CA, `openssl ca` for signers (it
 * takes explicit start and end dates, so expired and not-yet-valid certificates are real ones).
 */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'varco-signing-'))
  const secretsDir = join(dir, 'secrets')
  mkdirSync(join(dir, 'issued'))
  mkdirSync(secretsDir)
  writeFileSync(join(dir, 'index.txt'), '')
  writeFileSync(join(dir, 'serial'), '1000\n')
  const config = join(dir, 'ca.cnf')
  writeFileSync(config, CA_CONFIG.replace('DIR', dir))
  const read = (file: string): string => readFileSync(file, 'utf8')

  const caSubject = '/C=IT/O=Varco Test/CN=Varco Signing Test CA'
  const ca = { certFile: join(dir, 'ca.pem'), keyFile: join(dir, 'ca.key') }
  // prettier-ignore
  openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', ca.keyFile, '-out', ca.certFile,
    '-subj', caSubject, '-days', '3650', '-sha256',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ])

  return {
    dir,
    secretsDir,
    ca: {
      ...ca,
      certPem: read(ca.certFile),
      keyPem: read(ca.keyFile),
      subject: 'CN=Varco Signing Test CA,O=Varco Test,C=IT',
    },
    issue(name, options = {}) {
      const stem = name.replace(/[^A-Za-z0-9]+/g, '-')
      const keyFile = join(dir, `${stem}.key`)
      const certFile = join(dir, `${stem}.pem`)
      const csrFile = join(dir, `${stem}.csr`)
      openssl([
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        csrFile,
        '-subj',
        `/C=IT/O=Varco Test/CN=${name}`,
      ])
      const dates = [
        ...(options.startdate === undefined ? [] : ['-startdate', options.startdate]),
        ...(options.enddate === undefined ? [] : ['-enddate', options.enddate]),
      ]
      openssl([
        'ca',
        '-batch',
        '-notext',
        '-config',
        config,
        '-cert',
        ca.certFile,
        '-keyfile',
        ca.keyFile,
        '-in',
        csrFile,
        '-out',
        certFile,
        ...dates,
      ])
      return {
        certFile,
        keyFile,
        certPem: read(certFile),
        keyPem: read(keyFile),
        subject: `CN=${name},O=Varco Test,C=IT`,
      }
    },
    pkcs12(issued, password) {
      const file = issued.keyFile.replace(/\.key$/, '.p12')
      openssl([
        'pkcs12',
        '-export',
        '-inkey',
        issued.keyFile,
        '-in',
        issued.certFile,
        '-certfile',
        ca.certFile,
        '-passout',
        `pass:${password}`,
        '-out',
        file,
      ])
      return file
    },
    encryptedKey(issued, passphrase) {
      const file = issued.keyFile.replace(/\.key$/, '.enc.key')
      openssl(['pkey', '-in', issued.keyFile, '-aes256', '-passout', `pass:${passphrase}`, '-out', file])
      return file
    },
    secret(name, value) {
      writeFileSync(join(secretsDir, name), `${value}\n`, { mode: 0o600 })
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
