import type { SigningFailureCause } from '@varco/contracts'
import { errorCode, errorMessage } from '@varco/errors'

/** A signing that cannot succeed until an operator changes the tenant's set-up: reported, not retried. */
export interface SigningFailure {
  readonly cause: SigningFailureCause
  readonly message: string
  readonly retriable: false
}

// Which of this service's coded errors end in an invoice.signing_failed, with which cause. Anything else is thrown
// on to the consumer: retriable errors (the token, the database) are retried, the rest dead-lettered.
const CAUSES: Readonly<Record<string, SigningFailureCause>> = {
  SIGNING_ERR_NO_IDENTITY: 'no_identity',
  SIGNING_ERR_CERTIFICATE_EXPIRED: 'certificate_expired',
  SIGNING_ERR_CERTIFICATE_NOT_YET_VALID: 'certificate_not_yet_valid',
  SIGNING_ERR_IDENTITY_UNREADABLE: 'identity_unreadable',
  SIGNING_ERR_SECRET_MISSING: 'secret_missing',
  SIGNING_ERR_CONTENT_UNSIGNABLE: 'content_unsignable',
  SIGNING_ERR_SIGNER_FAILED: 'signer_failed',
}

const MAX_MESSAGE = 1000

/** The failure to report for `err`, or undefined when `err` is not a signing failure (then rethrow it). */
export function signingFailureOf(err: unknown): SigningFailure | undefined {
  const cause = CAUSES[errorCode(err)]
  if (cause === undefined) return undefined
  const message = errorMessage(err).slice(0, MAX_MESSAGE) || cause
  return { cause, message, retriable: false }
}
