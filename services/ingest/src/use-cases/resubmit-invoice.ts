import { assertNever } from '@varco/errors'
import { findInvoice, lockInvoiceRecord, markResubmitted } from '../adapters/pg/invoice-repository.ts'
import type { Principal } from '../adapters/pg/tenant-repository.ts'
import { isInvoiceId } from '../domain/ids.ts'
import { identityDifferences, resubmissionRefusal } from '../domain/resubmission.ts'
import {
  AlreadyResubmitted,
  InvoiceNotFound,
  NotRejectedBySdi,
  ResubmissionMismatch,
  ResubmissionWindowClosed,
} from '../errors.ts'
import { checkSubmission } from './check-submission.ts'
import type { IngestDeps } from './deps.ts'
import { acceptInTransaction, type SubmitRequest, type SubmitResult } from './submit-invoice.ts'

function refusalError(refusal: NonNullable<ReturnType<typeof resubmissionRefusal>>): Error {
  switch (refusal.kind) {
    case 'not_rejected_by_sdi':
      return new NotRejectedBySdi()
    case 'already_resubmitted':
      return new AlreadyResubmitted(refusal.by)
    case 'window_closed':
      return new ResubmissionWindowClosed(refusal.resubmitBy)
    default:
      return assertNever(refusal, 'resubmission refusal')
  }
}

/**
 * POST /v1/invoices/{id}/resubmissions: a corrected file for an invoice SdI rejected, within the five days and with
 * the same numbers and dates. It goes through the normal pipeline as a new invoice (the signing service gives it a
 * new file name), linked both ways. The rejected invoice is locked in the accepting transaction, so two concurrent
 * resubmissions make one invoice and one 409.
 */
export async function resubmitInvoice(
  deps: IngestDeps,
  principal: Principal,
  rejectedId: string,
  request: SubmitRequest,
): Promise<SubmitResult> {
  // Another tenant's invoice and no invoice at all get the same answer, before the body is even read.
  const known = isInvoiceId(rejectedId) ? await findInvoice(deps.pool, principal.tenantId, rejectedId) : undefined
  if (known === undefined) throw new InvoiceNotFound()
  const checked = await checkSubmission(deps, principal, request, {
    reportInvalid: 'throw',
    transmitterCheck: 'at-write',
  })
  return acceptInTransaction(
    deps,
    {
      principal,
      request,
      checked,
      purpose: `resubmission-of=${rejectedId}`,
      resubmissionOf: rejectedId,
      before: async (tx) => {
        const rejected = await lockInvoiceRecord(tx, principal.tenantId, rejectedId)
        if (rejected === undefined) throw new InvoiceNotFound()
        const refusal = resubmissionRefusal(rejected, deps.now())
        if (refusal !== undefined) throw refusalError(refusal)
        const differences = identityDifferences(rejected.documents, checked.facts.documents)
        if (differences.length > 0) throw new ResubmissionMismatch(differences.join('; '))
      },
    },
    (tx, id) => markResubmitted(tx, rejectedId, id),
  )
}
