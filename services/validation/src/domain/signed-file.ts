import { sdiErrorCatalog, type SdiError } from '@varco/fatturapa'
import { decodeP7m, verifyCades, verifyXades, type TrustStore, type Verdict } from '@varco/signature'

export type SignedBy = 'cades' | 'xades'

export interface SignatureCheckOptions {
  /** The CAs a signer must chain to; undefined when the operator configured none (00104 is then not decided). */
  readonly trust: TrustStore | undefined
  readonly receivedAt: Date
}

/** A file's signature, checked: the bytes to validate as FatturaPA, or the signature errors SdI would report. */
export type SignatureOutcome =
  | { readonly ok: true; readonly content: Buffer; readonly signedBy?: SignedBy }
  | { readonly ok: false; readonly errors: readonly SdiError[] }

// A ds:Signature element (any prefix) in an XML file: the root's xmlns:ds declaration alone, which unsigned samples
// carry too, does not match. Markup cannot occur in text, so a match is an element.
const XADES_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?Signature[\s>]/

const NO_TRUST = new Set(['00104'])

function errorsOf(verdict: Verdict, trustConfigured: boolean): readonly SdiError[] {
  const ignored = trustConfigured ? new Set<string>() : NO_TRUST
  return verdict.problems
    .filter((problem) => !ignored.has(problem.code))
    .map((problem) => ({
      code: problem.code,
      path: '',
      message: { it: `${sdiErrorCatalog[problem.code].it}: ${problem.message}`, en: problem.message },
      detail: `signature:${verdict.format}`,
    }))
}

/**
 * SdI's signature stage, which comes before the format checks: a .p7m (DER or base64) must hold an intact CAdES-BES
 * signature by a valid certificate, and so must an XML file that carries a ds:Signature (XAdES). Unsigned XML passes
 * through. Without a configured trust bundle the chain to a trusted CA (00104) is left to SdI and every other
 * signature check still applies.
 */
export async function checkSignature(bytes: Buffer, options: SignatureCheckOptions): Promise<SignatureOutcome> {
  const verifyOptions = { trust: options.trust ?? [], receivedAt: options.receivedAt }
  let verdict: Verdict
  if (decodeP7m(bytes) !== undefined) verdict = await verifyCades(bytes, verifyOptions)
  else if (XADES_ELEMENT.test(bytes.toString('latin1'))) verdict = await verifyXades(bytes, verifyOptions)
  else return { ok: true, content: bytes }
  const errors = errorsOf(verdict, options.trust !== undefined)
  if (errors.length > 0) return { ok: false, errors }
  // Only 00104 was set aside, and a verdict whose signature is not intact always holds 00102: the content is there.
  if (verdict.content === undefined) throw new Error('an intact signature verdict without content')
  // XAdES: the file itself is what SdI validates against the schema (the signature is an allowed ds:Signature).
  return { ok: true, content: verdict.format === 'cades' ? verdict.content : bytes, signedBy: verdict.format }
}
