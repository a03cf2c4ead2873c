import { errorMessage } from '@varco/errors'
import { sdiErrorCatalog, type SdiError } from '@varco/fatturapa'
import { decodeP7m, detectFormat, verifyFile, type SignatureProblem, type TrustStore } from '@varco/signature'
import { hasP7mName } from './formats.ts'
import { contentOf } from './p7m.ts'

/** What `varco validate` says of a file's signature: none (plain XML), or a .p7m's, checked only with --trust. */
export type SignatureStatus = 'not-verified' | 'valid' | 'invalid'

export interface UnwrappedInvoice {
  /** The invoice to validate; undefined when a .p7m could not be opened (its error says why). */
  readonly invoice: Buffer | undefined
  readonly errors: readonly SdiError[]
  readonly signature?: SignatureStatus
}

function signatureError(problem: SignatureProblem): SdiError {
  const { it, en } = sdiErrorCatalog[problem.code]
  return { code: problem.code, path: '', message: { it: `${it}: ${problem.message}`, en: `${en}: ${problem.message}` } }
}

// By name or by bytes: a .p7m renamed .xml is still one, and a file named .p7m that is not one is an error, not XML.
function isP7m(file: string, bytes: Buffer): boolean {
  return hasP7mName(file) || (detectFormat(bytes) === 'cades' && decodeP7m(bytes) !== undefined)
}

/**
 * The invoice inside a CAdES file (.xml.p7m, DER or base64), and with a trust store its signature's problems as SdI
 * errors (00100-00107). SdI checks the signature before the format; the content is still validated after a bad
 * signature, so that one run reports everything to fix. Plain XML passes through unchanged.
 */
export async function unwrapInvoice(
  file: string,
  bytes: Buffer,
  options: { readonly trust: TrustStore | undefined; readonly receivedAt: Date },
): Promise<UnwrappedInvoice> {
  if (!isP7m(file, bytes)) return { invoice: bytes, errors: [] }
  let invoice: Buffer
  try {
    invoice = contentOf(file, bytes)
  } catch (err) {
    const message = errorMessage(err)
    return { invoice: undefined, errors: [signatureError({ code: '00102', message })], signature: 'invalid' }
  }
  if (options.trust === undefined) return { invoice, errors: [], signature: 'not-verified' }
  const verdict = await verifyFile(bytes, { trust: options.trust, receivedAt: options.receivedAt })
  return { invoice, errors: verdict.problems.map(signatureError), signature: verdict.valid ? 'valid' : 'invalid' }
}
