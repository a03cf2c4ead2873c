import type { SdiError, TransliterationChange } from '@varco/fatturapa'
import type { Principal } from '../adapters/pg/tenant-repository.ts'
import type { InvoiceInvalidError } from '../errors.ts'
import { checkSubmission } from './check-submission.ts'
import type { IngestDeps } from './deps.ts'
import type { InputKind } from '../domain/media-types.ts'

export interface ValidationReport {
  readonly valid: boolean
  readonly errors: SdiError[]
  readonly transliterations: TransliterationChange[]
}

function isInvoiceInvalid(err: unknown): err is InvoiceInvalidError {
  return (err as { code?: unknown } | null)?.code === 'INGEST_ERR_INVOICE_INVALID'
}

/** POST /v1/invoices/validate: the checks of a submission with validate=sync, nothing stored. */
export async function validateInvoice(
  deps: IngestDeps,
  principal: Principal,
  request: { readonly kind: InputKind; readonly body: Buffer; readonly transliterate: boolean },
): Promise<ValidationReport> {
  try {
    const checked = await checkSubmission(
      deps,
      principal,
      { ...request, validate: 'sync' },
      { reportInvalid: 'return', transmitterCheck: 'now' },
    )
    return {
      valid: checked.errors.length === 0,
      errors: [...checked.errors],
      transliterations: [...checked.transliterations],
    }
  } catch (err) {
    // JSON that is no valid FatturaPA model cannot become a file: its errors are the report.
    if (isInvoiceInvalid(err)) return { valid: false, errors: [...err.errors], transliterations: [] }
    throw err
  }
}
