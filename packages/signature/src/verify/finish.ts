import type { CertificateInfo } from '../x509/certificate.ts'
import { trustStoreFrom, type TrustStore } from '../x509/trust.ts'
import { certificateProblems } from './certificate-checks.ts'
import type { VerifyOptions } from './options.ts'
import { verdictOf, type SignatureFormat, type SignatureProblem, type Verdict } from './verdict.ts'

/** One intact signature: who signed, when they say they did. */
export interface IntactSigner {
  readonly certificate: CertificateInfo
  readonly signingTime: Date | undefined
}

export function trustOf(options: VerifyOptions): TrustStore {
  return 'anchors' in options.trust ? options.trust : trustStoreFrom(options.trust)
}

/**
 * Completes the verdict on a cryptographically intact file: certificate, time and trust checks for every signer,
 * then the caller's revocation check, if any.
 */
export async function finishVerdict(
  format: SignatureFormat,
  signers: readonly IntactSigner[],
  carried: readonly CertificateInfo[],
  content: Buffer,
  options: VerifyOptions,
): Promise<Verdict> {
  const receivedAt = options.receivedAt ?? new Date()
  const trust = trustOf(options)
  const problems: SignatureProblem[] = []
  let revocation: Verdict['revocation'] = options.checkRevocation === undefined ? 'not-checked' : 'good'
  for (const { certificate, signingTime } of signers) {
    const checked = certificateProblems({ signer: certificate, carried, signingTime, receivedAt, trust })
    problems.push(...checked.problems)
    if (options.checkRevocation !== undefined) {
      const status = await options.checkRevocation(certificate, checked.issuer, signingTime ?? receivedAt)
      if (status === 'revoked') problems.push({ code: '00101', message: 'the signing certificate is revoked' })
      if (status !== 'good' && revocation === 'good') revocation = status
    }
  }
  const [first] = signers
  return verdictOf({
    format,
    problems,
    intact: true,
    signer: first?.certificate,
    signingTime: first?.signingTime,
    revocation,
    content,
  })
}
