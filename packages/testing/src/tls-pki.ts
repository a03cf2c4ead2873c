import { generateKeyPairSync, randomBytes } from 'node:crypto'
import forge from 'node-forge'

// @varco/testing's createTestPki issues signing certificates (no subjectAltName, no extKeyUsage): a TLS client
// refuses them as a server's. This one issues what mutual TLS needs: a server certificate for 127.0.0.1/localhost
// (serverAuth), client certificates (clientAuth), and a second CA whose client must be refused.

export interface TlsPem {
  readonly cert: string
  readonly key: string
}

/** A side of a mutual TLS channel: its certificate and key, and the CA its peer must chain to. */
export interface TlsIdentity {
  readonly cert: string
  readonly key: string
  readonly ca: string
}

export interface TlsPki {
  readonly ca: TlsPem
  readonly server: TlsPem
  readonly client: TlsPem
  readonly otherCa: TlsPem
  readonly otherCaClient: TlsPem
  /** Our server's identity: its certificate, verifying clients against the CA. */
  serverIdentity(): TlsIdentity
  /** A client's identity verifying the server against the CA. */
  clientIdentity(client?: TlsPem): TlsIdentity
}

const DAY = 86_400_000

type Usage = 'ca' | 'server' | 'client'

function extensions(usage: Usage): object[] {
  switch (usage) {
    case 'ca':
      return [
        { name: 'basicConstraints', critical: true, cA: true },
        { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
      ]
    case 'server':
      return [
        { name: 'basicConstraints', critical: true, cA: false },
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ]
    case 'client':
      return [
        { name: 'basicConstraints', critical: true, cA: false },
        { name: 'keyUsage', critical: true, digitalSignature: true },
        { name: 'extKeyUsage', clientAuth: true },
      ]
  }
}

function issue(cn: string, usage: Usage, issuer?: { cn: string; key: string }): TlsPem {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString())
  cert.serialNumber = `1${randomBytes(8).toString('hex')}`
  cert.validity.notBefore = new Date(Date.now() - DAY)
  cert.validity.notAfter = new Date(Date.now() + 30 * DAY)
  const subject = [
    { shortName: 'C', value: 'IT' },
    { shortName: 'O', value: 'Varco Test' },
    { shortName: 'CN', value: cn },
  ]
  cert.setSubject(subject)
  cert.setIssuer(
    issuer === undefined ? subject : subject.map((f) => (f.shortName === 'CN' ? { ...f, value: issuer.cn } : f)),
  )
  cert.setExtensions([...extensions(usage), { name: 'subjectKeyIdentifier' }])
  cert.sign(forge.pki.privateKeyFromPem(issuer?.key ?? key), forge.md.sha256.create())
  return { cert: forge.pki.certificateToPem(cert), key }
}

/** A fresh PKI for one test file (about half a second of RSA key generation). */
export function createTlsPki(): TlsPki {
  const ca = issue('Varco Test TLS CA', 'ca')
  const otherCa = issue('Other Test TLS CA', 'ca')
  const byCa = { cn: 'Varco Test TLS CA', key: ca.key }
  const server = issue('localhost', 'server', byCa)
  const client = issue('SdI Test Client', 'client', byCa)
  const otherCaClient = issue('Stranger', 'client', { cn: 'Other Test TLS CA', key: otherCa.key })
  return {
    ca,
    server,
    client,
    otherCa,
    otherCaClient,
    serverIdentity: () => ({ cert: server.cert, key: server.key, ca: ca.cert }),
    clientIdentity: (who = client) => ({ cert: who.cert, key: who.key, ca: ca.cert }),
  }
}
