import { sdiErrorCatalog, type SdiError } from '@varco/fatturapa'
import { unwrapSignedFile, type SignatureFormat, type SignatureProblem, type TrustStore } from '@varco/signature'

export interface SignatureCheckOptions {
  /** The CAs a signer must chain to; undefined when the operator configured none (00104 is then not decided). */
  readonly trust: TrustStore | undefined
  readonly receivedAt: Date
}

/** A file's signature, checked: the bytes to validate as FatturaPA, or the signature errors SdI would report. */
export type SignatureOutcome =
  | { readonly ok: true; readonly content: Buffer; readonly signedBy?: SignatureFormat }
  | { readonly ok: false; readonly errors: readonly SdiError[] }

/** A signature problem as SdI reports it: the code's own words, then what exactly is wrong. */
export function signatureError(problem: SignatureProblem, format: SignatureFormat | undefined): SdiError {
  return {
    code: problem.code,
    path: '',
    message: { it: `${sdiErrorCatalog[problem.code].it}: ${problem.message}`, en: problem.message },
    detail: `signature:${format ?? 'unknown'}`,
  }
}

/**
 * SdI's signature stage, which comes before the format checks (see unwrapSignedFile). Without a configured trust
 * bundle the chain to a trusted CA (00104) is left to SdI and every other signature check still applies.
 */
export async function checkSignature(bytes: Buffer, options: SignatureCheckOptions): Promise<SignatureOutcome> {
  const outcome = await unwrapSignedFile(bytes, {
    trust: options.trust ?? [],
    receivedAt: options.receivedAt,
    ...(options.trust === undefined ? { ignore: ['00104'] } : {}),
  })
  if (!outcome.ok) return { ok: false, errors: outcome.problems.map((p) => signatureError(p, outcome.verdict.format)) }
  return outcome.signedBy === undefined
    ? { ok: true, content: outcome.content }
    : { ok: true, content: outcome.content, signedBy: outcome.signedBy }
}
