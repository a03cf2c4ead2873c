import { checkContent } from './checks/index.ts'
import type { FatturaElettronica } from './model/fattura.ts'
import type { SdiError } from './sdi/sdi-error.ts'
import { DEFAULT_MAX_BYTES } from './xml/decode.ts'
import { FatturaIssueCode, type FatturaIssue } from './xml/issues.ts'
import { parseFattura } from './xml/parse.ts'

/** SdI's limit for one file sent through SdICoop (FACTS.md §4): 5 MB. */
export const SDI_MAX_FILE_BYTES = DEFAULT_MAX_BYTES

export interface InvoiceValidationContext {
  /** When SdI would receive the file: dates in the invoice are judged against it (00403) and rules by their dates. */
  readonly receivedAt: Date
}

export type InvoiceValidation =
  | { readonly ok: true; readonly fattura: FatturaElettronica; readonly errors: readonly [] }
  | { readonly ok: false; readonly fattura?: FatturaElettronica; readonly errors: readonly SdiError[] }

/** A format problem as SdI reports it: 00200, with our finer code as the detail. */
function formatError(issue: FatturaIssue): SdiError {
  const code = issue.code === FatturaIssueCode.inputTooLarge ? '00003' : '00200'
  return { code, path: issue.path, message: issue.message, detail: issue.code }
}

/**
 * Every check SdI makes that the file alone can decide, in SdI's order: size (00003), format (00200, all format
 * errors at once), then content (004xx and the identifier checks), which run only on a well-formed file. The file
 * name (00001) and signature (001xx) checks belong to the callers that have a name and a signature.
 */
export function validateInvoiceFile(bytes: Uint8Array, context: InvoiceValidationContext): InvoiceValidation {
  const parsed = parseFattura(bytes, { maxBytes: SDI_MAX_FILE_BYTES })
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map(formatError) }
  const errors = checkContent(parsed.fattura, { receivedAt: context.receivedAt })
  return errors.length === 0
    ? { ok: true, fattura: parsed.fattura, errors: [] }
    : { ok: false, fattura: parsed.fattura, errors }
}
