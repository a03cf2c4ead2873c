import { sdiErrorCatalog, validateInvoiceFile, type SdiError } from '@varco/fatturapa'
import { unwrapSignedFile, type SignatureFormat, type SignatureProblem, type TrustStore } from '@varco/signature'

export interface SyncValidationOptions {
  /** The CAs vendors' signatures must chain to; undefined: 00104 is left to SdI (as the validation service does). */
  readonly trust: TrustStore | undefined
  readonly receivedAt: Date
}

// A NotificaScarto lists at most 200 errors.
const MAX_ERRORS = 200

function signatureError(problem: SignatureProblem, format: SignatureFormat | undefined): SdiError {
  return {
    code: problem.code,
    path: '',
    message: { it: `${sdiErrorCatalog[problem.code].it}: ${problem.message}`, en: problem.message },
    detail: `signature:${format ?? 'unknown'}`,
  }
}

/**
 * The checks the validation service will make, made now: SdI's signature stage for a signed file, then size, format
 * and content (validateInvoiceFile). Returns every SdI-coded error (at most 200); empty when the file passes.
 */
export async function validateNow(file: Buffer, options: SyncValidationOptions): Promise<readonly SdiError[]> {
  const signature = await unwrapSignedFile(file, {
    trust: options.trust ?? [],
    receivedAt: options.receivedAt,
    ...(options.trust === undefined ? { ignore: ['00104'] } : {}),
  })
  if (!signature.ok) return signature.problems.map((p) => signatureError(p, signature.verdict.format))
  const verdict = validateInvoiceFile(signature.content, { receivedAt: options.receivedAt })
  return verdict.errors.slice(0, MAX_ERRORS)
}
