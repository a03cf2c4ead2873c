import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import forge from 'node-forge'
import { SignatureIdentityInvalid } from '../errors.ts'
import type { Signer } from '../signer.ts'
import { parseCertificate, type CertificateInfo } from '../x509/certificate.ts'
import { keySigner } from './key-signer.ts'

export interface Pkcs12IdentityOptions {
  /** The .p12 / .pfx file. */
  readonly file: Buffer
  readonly password: string
}

type Bag = forge.pkcs12.Bag

function open(options: Pkcs12IdentityOptions): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(options.file.toString('binary')), false, options.password)
  } catch (err) {
    // forge's messages ("PKCS#12 MAC could not be verified. Invalid password?") carry no secret.
    throw new SignatureIdentityInvalid(
      'cannot open the PKCS#12 file (wrong password, corrupt file or unsupported algorithm)',
      { cause: err },
    )
  }
}

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): Bag[] {
  return p12.getBags({ bagType })[bagType] ?? []
}

// forge decrypts the key bag; the key is re-encoded as PKCS#8 DER at once and only the native KeyObject is kept.
function keyOf(p12: forge.pkcs12.Pkcs12Pfx): KeyObject {
  const [bag] = [...bagsOf(p12, forge.pki.oids.pkcs8ShroudedKeyBag ?? ''), ...bagsOf(p12, forge.pki.oids.keyBag ?? '')]
  if (bag?.key === undefined) {
    throw new SignatureIdentityInvalid(
      'no RSA private key in the PKCS#12 file (EC keys: use a PEM or PKCS#11 identity)',
    )
  }
  const pkcs8 = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))
  return createPrivateKey({
    key: Buffer.from(forge.asn1.toDer(pkcs8).getBytes(), 'binary'),
    format: 'der',
    type: 'pkcs8',
  })
}

// forge re-encodes a certificate it parsed from its cached TBSCertificate (byte-exact) and its signature algorithm
// (RSA with NULL parameters, as RFC 4055 requires); one it could not parse (EC) is passed through as ASN.1.
function certificatesOf(p12: forge.pkcs12.Pkcs12Pfx): CertificateInfo[] {
  return bagsOf(p12, forge.pki.oids.certBag ?? '').map((bag) => {
    const der = forge.asn1.toDer(bag.cert == null ? bag.asn1 : forge.pki.certificateToAsn1(bag.cert)).getBytes()
    return parseCertificate(Buffer.from(der, 'binary'))
  })
}

/**
 * Loads a signing identity from a PKCS#12 file (.p12/.pfx), as issued with qualified-signature remote or software
 * certificates: the private key whose certificate is in the file, and the other CA certificates as its chain.
 */
export function loadPkcs12Identity(options: Pkcs12IdentityOptions): Signer {
  const p12 = open(options)
  const key = keyOf(p12)
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' })
  const certificates = certificatesOf(p12)
  const certificate = certificates.find((c) => c.publicKey.export({ type: 'spki', format: 'der' }).equals(spki))
  if (certificate === undefined)
    throw new SignatureIdentityInvalid('the PKCS#12 file has no certificate for its private key')
  // Intermediates only: a self-issued root adds nothing a verifier can rely on.
  const chain = certificates.filter((c) => c !== certificate && c.x509.ca && c.subject !== c.issuer)
  return keySigner('pkcs12', key, certificate, chain)
}
