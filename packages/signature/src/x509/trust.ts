import { SignatureOptionInvalid } from '../errors.ts'
import { parseCertificate, type CertificateInfo } from './certificate.ts'

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g

/** Certificates from PEM text (any number of blocks; other blocks such as keys are ignored) or a DER buffer. */
export function readCertificates(input: string | Buffer): CertificateInfo[] {
  const text = typeof input === 'string' ? input : input[0] === 0x30 ? undefined : input.toString('latin1')
  if (text === undefined) return [parseCertificate(input as Buffer)]
  const blocks = [...text.matchAll(PEM_CERTIFICATE)].map((match) => Buffer.from(match[1] ?? '', 'base64'))
  return blocks.map((der) => parseCertificate(der))
}

/** Trust anchors for verification: the CAs whose certificates (and only those) end a valid chain. */
export interface TrustStore {
  readonly anchors: readonly CertificateInfo[]
}

/**
 * Builds a trust store from PEM bundles (several CAs per file allowed) or DER certificates. An entry holding no
 * certificate is a configuration mistake and throws SIG_ERR_OPTION rather than silently trusting less.
 */
export function trustStoreFrom(entries: readonly (string | Buffer)[]): TrustStore {
  const anchors = entries.flatMap((entry, index) => {
    const certificates = readCertificates(entry)
    if (certificates.length === 0) throw new SignatureOptionInvalid(`trust entry ${index + 1} holds no certificate`)
    return certificates
  })
  return { anchors }
}
