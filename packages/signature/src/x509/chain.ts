import type { CertificateInfo } from './certificate.ts'
import type { TrustStore } from './trust.ts'

// Longer than any real qualified-certificate chain (root, one or two intermediates); bounds hostile input.
const MAX_PATH = 6

function covers(certificate: CertificateInfo, instants: readonly Date[]): boolean {
  return instants.every((at) => certificate.notBefore <= at && at <= certificate.notAfter)
}

function issues(issuer: CertificateInfo, subject: CertificateInfo): boolean {
  try {
    return subject.x509.checkIssued(issuer.x509) && subject.x509.verify(issuer.publicKey)
  } catch {
    return false
  }
}

export type ChainResult =
  { readonly ok: true; readonly path: readonly CertificateInfo[] } | { readonly ok: false; readonly problem: string }

/**
 * Finds a path from the signer to a trust anchor through the certificates the signature carries. Each issuer must
 * have signed the certificate below it, be a CA, and be valid at every instant given (signing and reception time).
 */
export function buildChain(
  signer: CertificateInfo,
  carried: readonly CertificateInfo[],
  trust: TrustStore,
  instants: readonly Date[],
): ChainResult {
  const path = [signer]
  let current = signer
  for (let step = 0; step < MAX_PATH; step++) {
    if (trust.anchors.some((anchor) => anchor.sha256.equals(current.sha256))) return { ok: true, path }
    const anchor = trust.anchors.find((candidate) => issues(candidate, current))
    if (anchor !== undefined) {
      if (!covers(anchor, instants))
        return { ok: false, problem: 'the trusted CA certificate is not valid at the signing or reception time' }
      return { ok: true, path: [...path, anchor] }
    }
    const next = carried.find(
      (candidate) => candidate.x509.ca && !path.includes(candidate) && issues(candidate, current),
    )
    if (next === undefined) break
    if (!covers(next, instants))
      return { ok: false, problem: 'an intermediate CA certificate is not valid at the signing or reception time' }
    path.push(next)
    current = next
  }
  return { ok: false, problem: `no chain from '${signer.issuer}' to a trusted CA` }
}
