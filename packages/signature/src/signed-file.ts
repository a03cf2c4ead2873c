import { decodeP7m } from './cades/decode.ts'
import { verifyCades } from './cades/verify.ts'
import type { VerifyOptions } from './verify/options.ts'
import type { SdiSignatureCode, SignatureFormat, SignatureProblem, Verdict } from './verify/verdict.ts'
import { verifyXades } from './xades/verify.ts'

export interface UnwrapOptions extends VerifyOptions {
  /** Problems to set aside, e.g. 00104 when the operator configured no trust bundle and leaves that check to SdI. */
  readonly ignore?: readonly SdiSignatureCode[]
}

/** A file as SdI's signature stage sees it: unsigned XML, a good signature and the content, or what is wrong. */
export type SignedFileOutcome =
  | { readonly ok: true; readonly content: Buffer; readonly signedBy?: undefined }
  | { readonly ok: true; readonly content: Buffer; readonly signedBy: SignatureFormat; readonly verdict: Verdict }
  | { readonly ok: false; readonly problems: readonly SignatureProblem[]; readonly verdict: Verdict }

// A ds:Signature element (any prefix): the root's xmlns:ds declaration alone, which unsigned samples carry too, does
// not match, and markup cannot occur in text, so a match is an element.
const SIGNATURE_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?Signature[\s>]/

/**
 * SdI's signature stage for a received file: a .p7m (DER, or base64 with or without armour) must hold an intact
 * CAdES-BES signature, and an XML file carrying a ds:Signature an intact XAdES one, by a certificate valid at signing
 * and at reception, chained to `trust`. Unsigned XML passes through. `content` is what the format checks read: the
 * eContent of a .p7m, the whole file for XAdES (the schema allows its ds:Signature).
 */
export async function unwrapSignedFile(bytes: Buffer, options: UnwrapOptions): Promise<SignedFileOutcome> {
  let format: SignatureFormat
  if (decodeP7m(bytes) !== undefined) format = 'cades'
  else if (SIGNATURE_ELEMENT.test(bytes.toString('latin1'))) format = 'xades'
  else return { ok: true, content: bytes }
  const verdict = format === 'cades' ? await verifyCades(bytes, options) : await verifyXades(bytes, options)
  const ignored = new Set<string>(options.ignore ?? [])
  const problems = verdict.problems.filter((problem) => !ignored.has(problem.code))
  if (problems.length > 0) return { ok: false, problems, verdict }
  // A verdict whose signature is not intact always holds 00102, which no caller sets aside: the content is there.
  if (verdict.content === undefined) throw new Error('an intact signature verdict without content')
  return { ok: true, content: format === 'cades' ? verdict.content : bytes, signedBy: format, verdict }
}
