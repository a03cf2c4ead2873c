import { buildChain } from '../x509/chain.ts'
import type { CertificateInfo } from '../x509/certificate.ts'
import type { TrustStore } from '../x509/trust.ts'
import type { SignatureProblem } from './verdict.ts'

export interface CertificateCheckInput {
  readonly signer: CertificateInfo
  /** Other certificates the signature carries (intermediates). */
  readonly carried: readonly CertificateInfo[]
  readonly signingTime: Date | undefined
  readonly receivedAt: Date
  readonly trust: TrustStore
}

const iso = (date: Date): string => date.toISOString()

function timeProblems({ signer, signingTime, receivedAt }: CertificateCheckInput): SignatureProblem[] {
  const problems: SignatureProblem[] = []
  if (signingTime === undefined) problems.push({ code: '00103', message: 'the signature has no signing time' })
  else if (signingTime > receivedAt) {
    problems.push({
      code: '00105',
      message: `signing time ${iso(signingTime)} is after the reception time ${iso(receivedAt)}`,
    })
  }
  for (const [what, at] of [
    ['signing', signingTime],
    ['reception', receivedAt],
  ] as const) {
    if (at === undefined) continue
    if (at > signer.notAfter) {
      problems.push({
        code: '00100',
        message: `certificate expired on ${iso(signer.notAfter)}, before the ${what} time ${iso(at)}`,
      })
    } else if (at < signer.notBefore) {
      // Not yet valid is a certificate that was not valid to sign with, not an expired one: 00107, not 00100.
      problems.push({
        code: '00107',
        message: `certificate not valid before ${iso(signer.notBefore)}, after the ${what} time ${iso(at)}`,
      })
    }
  }
  return problems
}

/**
 * Time reference, validity, key usage and trust checks on a signer whose signature is already known to be intact.
 * Returns the problems and, when a chain was found, the signer's issuer (for a revocation check).
 */
export function certificateProblems(input: CertificateCheckInput): {
  problems: SignatureProblem[]
  issuer: CertificateInfo | undefined
} {
  const problems = timeProblems(input)
  const usage = input.signer.keyUsage
  if (usage !== undefined && !usage.digitalSignature && !usage.nonRepudiation) {
    problems.push({
      code: '00107',
      message: 'the certificate key usage allows neither digitalSignature nor nonRepudiation',
    })
  }
  const instants = [input.signingTime, input.receivedAt].filter((at): at is Date => at !== undefined)
  const chain = buildChain(input.signer, input.carried, input.trust, instants)
  if (!chain.ok) problems.push({ code: '00104', message: chain.problem })
  return { problems, issuer: chain.ok ? chain.path[1] : undefined }
}
