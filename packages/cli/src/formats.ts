import type { SignatureFormat } from '@varco/signature'

/** How the formats are called in output: the profiles SdI accepts. */
export const FORMAT_LABEL: Readonly<Record<SignatureFormat, string>> = { cades: 'CAdES-BES', xades: 'XAdES-BES' }

const XML = /\.xml$/i
const P7M = /\.p7m$/i

/**
 * Where `varco sign` writes by default: IN.p7m for CAdES (IT…_00001.xml → IT…_00001.xml.p7m, the name SdI expects);
 * for XAdES, whose file keeps its .xml name at SdI, a sibling IN-without-.xml + .signed.xml, so the unsigned file is
 * never overwritten (rename it, or name OUT, before sending it).
 */
export function defaultSignedName(input: string, format: SignatureFormat): string {
  if (format === 'cades') return `${input}.p7m`
  return XML.test(input) ? input.replace(XML, '.signed.xml') : `${input}.signed.xml`
}

/** Where `varco extract` writes by default: the .p7m's name without .p7m; undefined when it does not end so. */
export function defaultExtractedName(input: string): string | undefined {
  return P7M.test(input) ? input.replace(P7M, '') : undefined
}

/** Whether a name says .p7m, whatever its bytes say. */
export function hasP7mName(path: string): boolean {
  return P7M.test(path)
}
