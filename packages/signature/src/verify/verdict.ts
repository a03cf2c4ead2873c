import type { CertificateInfo } from '../x509/certificate.ts'

/** SdI signature error codes (FACTS.md §6), as data. 00106 (bad archive) does not concern signatures. */
export const SDI_SIGNATURE_CODES = {
  certificateExpired: '00100',
  certificateRevoked: '00101',
  signatureInvalid: '00102',
  signingTimeMissing: '00103',
  caNotTrusted: '00104',
  signingTimeAfterReception: '00105',
  certificateInvalid: '00107',
} as const

export type SdiSignatureCode = (typeof SDI_SIGNATURE_CODES)[keyof typeof SDI_SIGNATURE_CODES]

// The order in which problems are reported: a broken signature first (nothing else about it can be trusted),
// then the time reference, then the certificate, then trust. `code` is the first problem in this order.
const ORDER: readonly SdiSignatureCode[] = ['00102', '00103', '00105', '00100', '00107', '00104', '00101']

export interface SignatureProblem {
  readonly code: SdiSignatureCode
  readonly message: string
}

export interface SignerSummary {
  readonly subject: string
  readonly issuer: string
  /** Serial number, lowercase hex. */
  readonly serial: string
  readonly notBefore: Date
  readonly notAfter: Date
}

export type SignatureFormat = 'cades' | 'xades'

/** The outcome of verifying a signed file. A bad signature is a verdict, never an exception. */
export interface Verdict {
  readonly valid: boolean
  /** The SdI code of the first problem; absent when valid. */
  readonly code?: SdiSignatureCode
  readonly message: string
  /** Every problem found, in reporting order (a file can be both expired and from an untrusted CA). */
  readonly problems: readonly SignatureProblem[]
  /** Digests and signature value verified: the content is exactly what the certificate's key signed. */
  readonly intact: boolean
  readonly format: SignatureFormat | undefined
  readonly signer?: SignerSummary
  readonly signingTime?: Date
  /** Revocation (00101) needs the network; it is checked only through the `checkRevocation` hook. */
  readonly revocation: 'not-checked' | 'good' | 'revoked' | 'unknown'
  /** The signed content (CAdES: the eContent bytes; XAdES: the file without its ds:Signature), when intact. */
  readonly content?: Buffer
}

export function summarise(certificate: CertificateInfo): SignerSummary {
  const { subject, issuer, serialHex, notBefore, notAfter } = certificate
  return { subject, issuer, serial: serialHex, notBefore, notAfter }
}

export interface VerdictParts {
  readonly format: SignatureFormat | undefined
  readonly problems: readonly SignatureProblem[]
  readonly intact: boolean
  readonly signer?: CertificateInfo | undefined
  readonly signingTime?: Date | undefined
  readonly revocation?: Verdict['revocation']
  readonly content?: Buffer | undefined
}

/** Assembles a verdict: problems sorted and de-duplicated by code, the first one giving `code` and `message`. */
export function verdictOf(parts: VerdictParts): Verdict {
  const problems = ORDER.flatMap((code) => parts.problems.find((problem) => problem.code === code) ?? [])
  const first = problems[0]
  return {
    valid: first === undefined,
    ...(first === undefined ? {} : { code: first.code }),
    message: first?.message ?? 'signature valid',
    problems,
    intact: parts.intact,
    format: parts.format,
    ...(parts.signer === undefined ? {} : { signer: summarise(parts.signer) }),
    ...(parts.signingTime === undefined ? {} : { signingTime: parts.signingTime }),
    revocation: parts.revocation ?? 'not-checked',
    ...(parts.intact && parts.content !== undefined ? { content: parts.content } : {}),
  }
}

/** A verdict for input that is not a signature this package can read at all. */
export function unreadable(format: SignatureFormat | undefined, message: string): Verdict {
  return verdictOf({ format, intact: false, problems: [{ code: '00102', message }] })
}
