import type { SdiError } from '@varco/fatturapa'
import { holdsTransmitter, type Principal } from '../adapters/pg/tenant-repository.ts'
import type { FileFacts } from '../domain/file-facts.ts'
import type { InputKind } from '../domain/media-types.ts'
import { decodeSubmission, type DecodedSubmission } from '../domain/submission.ts'
import { validateNow } from '../domain/sync-validation.ts'
import { invoiceInvalid, TransmitterMissing, TransmitterNotAllowed } from '../errors.ts'
import type { IngestDeps } from './deps.ts'

export interface SubmissionRequest {
  readonly kind: InputKind
  readonly body: Buffer
  readonly transliterate: boolean
  /** `sync`: validate now and refuse a file SdI would reject; `async`: accept it, validation follows. */
  readonly validate: 'sync' | 'async'
}

export interface CheckedSubmission extends DecodedSubmission {
  readonly facts: FileFacts & { readonly transmitter: string }
  /** SdI-coded errors found by a sync validation (only when reportInvalid is 'return'). */
  readonly errors: readonly SdiError[]
}

export interface CheckOptions {
  /** `throw`: a file with SdI errors is refused (422); `return`: its errors are returned (POST .../validate). */
  readonly reportInvalid: 'throw' | 'return'
  /**
   * `now`: look the transmitter up here; `at-write`: the caller's INSERT checks it (one statement fewer per
   * accepted invoice, and no window between the check and the write).
   */
  readonly transmitterCheck: 'now' | 'at-write'
}

/**
 * The checks every submission goes through, in order: the body becomes a file (or a 400/415/422), a sync validation
 * runs when asked, and the file's transmitter must be one of the tenant's. A file whose transmitter cannot be read
 * is refused: nobody could tell whose it is.
 */
export async function checkSubmission(
  deps: IngestDeps,
  principal: Principal,
  request: SubmissionRequest,
  options: CheckOptions,
): Promise<CheckedSubmission> {
  const decoded = decodeSubmission(request)
  const errors =
    request.validate === 'sync'
      ? await validateNow(decoded.file.bytes, { trust: deps.trust, receivedAt: deps.now() })
      : []
  if (errors.length > 0 && options.reportInvalid === 'throw') throw invoiceInvalid(errors)
  const { transmitter } = decoded.facts
  if (transmitter === undefined) {
    // Validation has said what is wrong with the file, transmitter included.
    if (errors.length > 0) return { ...decoded, facts: { ...decoded.facts, transmitter: '' }, errors }
    throw new TransmitterMissing()
  }
  if (options.transmitterCheck === 'now' && !(await holdsTransmitter(deps.pool, principal.tenantId, transmitter))) {
    throw new TransmitterNotAllowed(transmitter)
  }
  return { ...decoded, facts: { ...decoded.facts, transmitter }, errors }
}
