import { assertNever } from '@varco/errors'
import { decodeP7m } from './cades/decode.ts'
import { parseSignedData } from './cades/parse.ts'
import { signCades } from './cades/sign.ts'
import { verifyCades } from './cades/verify.ts'
import { SignatureInputInvalid } from './errors.ts'
import type { Signer } from './signer.ts'
import type { VerifyOptions } from './verify/options.ts'
import type { SignatureFormat, Verdict } from './verify/verdict.ts'
import { signXades } from './xades/sign.ts'
import { verifyXades } from './xades/verify.ts'

export interface SignFileOptions {
  readonly format: SignatureFormat
  readonly signer: Signer
  /** The signing time to declare; now by default. */
  readonly signingTime?: Date
}

/** Signs a file: CAdES-BES attached DER (.xml.p7m) or XAdES-BES enveloped (.xml), the two formats SdI accepts. */
export function signFile(input: Buffer, options: SignFileOptions): Promise<Buffer> {
  const signOptions = options.signingTime === undefined ? {} : { signingTime: options.signingTime }
  switch (options.format) {
    case 'cades':
      return signCades(input, options.signer, signOptions)
    case 'xades':
      return signXades(input, options.signer, signOptions)
    default:
      return assertNever(options.format, 'signature format')
  }
}

/** 'xades' for XML (first non-blank character '<', BOM allowed), 'cades' for anything else (DER or base64 .p7m). */
export function detectFormat(input: Buffer): SignatureFormat {
  const head = input
    .subarray(0, 64)
    .toString('latin1')
    .replace(/^(\uFEFF|\xEF\xBB\xBF)/, '')
    .trimStart()
  return head.startsWith('<') ? 'xades' : 'cades'
}

/**
 * Verifies a signed file, CAdES or XAdES (detected from its first bytes). Never throws for a bad or unreadable
 * signature: the verdict carries the SdI code. Throws only for a programming error (e.g. an empty trust entry).
 */
export function verifyFile(input: Buffer, options: VerifyOptions): Promise<Verdict> {
  return detectFormat(input) === 'xades' ? verifyXades(input, options) : verifyCades(input, options)
}

/**
 * The content of a .p7m (DER, BER or base64), byte for byte, without verifying anything: for display or for
 * processing a file whose verdict is already known. Throws SIG_ERR_INPUT when it is not a readable attached CMS.
 */
export function extractContent(p7m: Buffer): Buffer {
  const decoded = decodeP7m(p7m)
  if (decoded === undefined) throw new SignatureInputInvalid('not a .p7m: neither DER nor base64')
  let content: Buffer | undefined
  try {
    content = parseSignedData(decoded.der).content
  } catch (err) {
    throw new SignatureInputInvalid(`unreadable CMS structure: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (content === undefined) throw new SignatureInputInvalid('detached signature: the .p7m holds no content')
  return content
}
