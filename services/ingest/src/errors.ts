import { createProblemCatalog, type CodedError } from '@varco/errors'
import type { SdiError } from '@varco/fatturapa'

// The ingest service's coded errors (README.md lists them). Each reaches a vendor as an RFC 9457 problem document
// whose `code` is the error's code and whose `title` is the one below; the message is the `detail`.

const catalog = createProblemCatalog()
const define = catalog.define

/** The constant title of a code's problem documents; undefined for a code this service does not define. */
export const problemTitle = catalog.title

/** Every code this service defines, for the README check. */
export const ingestErrorCodes = catalog.codes

export const AuthMissing = define<[]>(
  'INGEST_ERR_AUTH_MISSING',
  'Authentication required',
  'Send an API key as "Authorization: Bearer vk_live_..."',
  { statusCode: 401 },
)

export const AuthInvalid = define<[]>(
  'INGEST_ERR_AUTH_INVALID',
  'Invalid API key',
  'The API key is not valid: unknown, revoked, or malformed',
  { statusCode: 401 },
)

export const RateLimited = define<[string]>(
  'INGEST_ERR_RATE_LIMITED',
  'Too many requests',
  'Rate limit of this API key exceeded; retry after %s',
  { statusCode: 429 },
)

export const UnsupportedMediaType = define<[string]>(
  'INGEST_ERR_UNSUPPORTED_MEDIA_TYPE',
  'Unsupported media type',
  "Content-Type '%s' is not accepted: send application/xml, application/pkcs7-mime or application/json",
  { statusCode: 415 },
)

export const BodyTooLarge = define<[number]>(
  'INGEST_ERR_TOO_LARGE',
  'Request body too large',
  'The request body is over %s bytes (SdI accepts files up to 5 MB)',
  { statusCode: 413 },
)

export const EmptyBody = define<[]>('INGEST_ERR_EMPTY_BODY', 'Empty request body', 'The request has no body', {
  statusCode: 400,
})

export const MalformedXml = define<[string]>(
  'INGEST_ERR_MALFORMED_XML',
  'Malformed XML',
  'The XML cannot be read: %s',
  {
    statusCode: 400,
  },
)

export const XmlDoctypeForbidden = define<[]>(
  'INGEST_ERR_XML_DOCTYPE',
  'DOCTYPE not allowed',
  'The XML has a DOCTYPE declaration: DTDs and entity declarations are refused',
  { statusCode: 400 },
)

export const MalformedP7m = define<[string]>(
  'INGEST_ERR_MALFORMED_P7M',
  'Malformed .p7m',
  'The body is not a readable CAdES .p7m (DER or base64): %s',
  { statusCode: 400 },
)

export const MalformedJson = define<[string]>(
  'INGEST_ERR_MALFORMED_JSON',
  'Malformed JSON',
  'The body is not valid JSON: %s',
  { statusCode: 400 },
)

export const BadRequest = define<[string]>('INGEST_ERR_BAD_REQUEST', 'Bad request', '%s', { statusCode: 400 })

export const CursorInvalid = define<[]>(
  'INGEST_ERR_CURSOR_INVALID',
  'Invalid cursor',
  'The cursor is not one this API returned',
  { statusCode: 400 },
)

export const TransliterateJsonOnly = define<[]>(
  'INGEST_ERR_TRANSLITERATE_JSON_ONLY',
  'Transliteration needs JSON',
  'transliterate=true applies to JSON input only: an XML or signed file is stored exactly as sent',
  { statusCode: 400 },
)

export const IdempotencyKeyInvalid = define<[]>(
  'INGEST_ERR_IDEMPOTENCY_KEY_INVALID',
  'Invalid Idempotency-Key',
  'Idempotency-Key must be 1 to 255 printable ASCII characters',
  { statusCode: 400 },
)

export const IdempotencyConflict = define<[]>(
  'INGEST_ERR_IDEMPOTENCY_CONFLICT',
  'Idempotency-Key reused',
  'This Idempotency-Key was used for a different request; use a new key for a new invoice',
  { statusCode: 409 },
)

export const InvoiceInvalid = define<[number]>(
  'INGEST_ERR_INVOICE_INVALID',
  'Invoice would be rejected by SdI',
  'The file has %s error(s) SdI would reject it for; see errors',
  { statusCode: 422 },
)

/** An INGEST_ERR_INVOICE_INVALID error carrying the SdI-coded errors, for the problem document's `errors`. */
export interface InvoiceInvalidError extends CodedError {
  readonly errors: readonly SdiError[]
}

/** The error for a file SdI would reject, with every error found. */
export function invoiceInvalid(errors: readonly SdiError[]): InvoiceInvalidError {
  return Object.assign(new InvoiceInvalid(errors.length), { errors })
}

export const TransmitterMissing = define<[]>(
  'INGEST_ERR_TRANSMITTER_MISSING',
  'Transmitter missing',
  'The file names no valid transmitter (FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente)',
  { statusCode: 422 },
)

export const TransmitterNotAllowed = define<[string]>(
  'INGEST_ERR_TRANSMITTER_NOT_ALLOWED',
  'Transmitter not allowed',
  "Transmitter '%s' is not one of this tenant's transmitters",
  { statusCode: 422 },
)

export const InvoiceNotFound = define<[]>('INGEST_ERR_NOT_FOUND', 'Invoice not found', 'No such invoice', {
  statusCode: 404,
})

export const FileNotReady = define<[string]>(
  'INGEST_ERR_FILE_NOT_READY',
  'File not available yet',
  'The invoice has no %s file yet: it is made when the invoice is signed',
  { statusCode: 404 },
)

export const RouteNotFound = define<[string, string]>('INGEST_ERR_ROUTE_NOT_FOUND', 'Not found', 'No route %s %s', {
  statusCode: 404,
})

export const Unavailable = define<[]>(
  'INGEST_ERR_UNAVAILABLE',
  'Service unavailable',
  'A dependency is unavailable; retry later',
  { statusCode: 503, retriable: true },
)

export const Internal = define<[]>('INGEST_ERR_INTERNAL', 'Internal error', 'Something went wrong on our side', {
  statusCode: 500,
})

export const AdminInvalid = define<[string]>('INGEST_ERR_ADMIN_INVALID', 'Invalid admin request', '%s', {
  statusCode: 400,
})

export const TenantNotFound = define<[string]>('INGEST_ERR_TENANT_NOT_FOUND', 'Tenant not found', "No tenant '%s'", {
  statusCode: 404,
})

export const KeyNotFound = define<[string]>('INGEST_ERR_KEY_NOT_FOUND', 'API key not found', "No API key '%s'", {
  statusCode: 404,
})

export const NotRejectedBySdi = define<[]>(
  'INGEST_ERR_NOT_REJECTED_BY_SDI',
  'Invoice not rejected by SdI',
  'Only an invoice SdI rejected (NS) can be resubmitted; one refused by validation never reached SdI: submit it anew',
  { statusCode: 409 },
)

export const AlreadyResubmitted = define<[string]>(
  'INGEST_ERR_ALREADY_RESUBMITTED',
  'Invoice already resubmitted',
  'This invoice was already resubmitted as %s; follow that one (or resubmit it, if SdI rejects it too)',
  { statusCode: 409 },
)

export const ResubmissionWindowClosed = define<[string]>(
  'INGEST_ERR_RESUBMISSION_WINDOW_CLOSED',
  'Resubmission window closed',
  'The five days to resubmit ended with %s (Italian time); the invoice counts as not issued: issue a new one',
  { statusCode: 409 },
)

export const ResubmissionMismatch = define<[string]>(
  'INGEST_ERR_RESUBMISSION_MISMATCH',
  'Corrected file differs in number or date',
  "SdI requires the corrected file to keep the rejected invoice's numbers and dates: %s",
  { statusCode: 422 },
)

export const OutcomeNotApplicable = define<[]>(
  'INGEST_ERR_OUTCOME_NOT_APPLICABLE',
  'No outcome for this invoice',
  'Only FPA12 invoices take an outcome (EC01/EC02); B2B and B2C invoices (FPR12) have none',
  { statusCode: 409 },
)

export const OutcomeInFlight = define<[]>(
  'INGEST_ERR_OUTCOME_IN_FLIGHT',
  'Outcome already on its way',
  "An outcome is being sent to SdI; wait for SdI's answer (outcomeState) before sending another",
  { statusCode: 409 },
)

export const OutcomeAlreadyAccepted = define<[]>(
  'INGEST_ERR_OUTCOME_ALREADY_ACCEPTED',
  'Outcome already taken',
  'SdI already took an outcome for this invoice (ES01); it cannot be changed',
  { statusCode: 409 },
)

export const OutcomeTermsExpired = define<[]>(
  'INGEST_ERR_OUTCOME_TERMS_EXPIRED',
  'Outcome window closed',
  'The 15 days for an outcome passed and SdI sent its DT (decorrenza termini); SdI takes no outcome now',
  { statusCode: 409 },
)

export const OutcomeInvoiceRefUnknown = define<[string, number]>(
  'INGEST_ERR_OUTCOME_INVOICE_REF',
  'No such invoice in the file',
  "invoiceRef names invoice '%s' of %s, which is not one of the file's documents",
  { statusCode: 422 },
)

export const IncomingNotFound = define<[]>(
  'INGEST_ERR_INCOMING_NOT_FOUND',
  'Incoming invoice not found',
  'No such incoming invoice',
  { statusCode: 404 },
)

export const WebhooksNotConfigured = define<[]>(
  'INGEST_ERR_WEBHOOKS_NOT_CONFIGURED',
  'Webhooks not configured',
  'Webhooks are not configured on this gateway (RECEIPTS_INTERNAL_URL, RECEIPTS_INTERNAL_TOKEN); ask the operator',
  { statusCode: 503 },
)

export const WebhooksUnreachable = define<[string]>(
  'INGEST_ERR_WEBHOOKS_UNREACHABLE',
  'Webhook service unreachable',
  'The service that keeps webhooks cannot be reached (%s); retry later',
  { statusCode: 502 },
)

export const WebhooksTimeout = define<[number]>(
  'INGEST_ERR_WEBHOOKS_TIMEOUT',
  'Webhook service too slow',
  'The service that keeps webhooks did not answer within %s ms; retry later',
  { statusCode: 503 },
)

export const WebhooksBadResponse = define<[string]>(
  'INGEST_ERR_WEBHOOKS_BAD_RESPONSE',
  'Webhook service failed',
  'The service that keeps webhooks answered badly: %s; retry later',
  { statusCode: 502 },
)
