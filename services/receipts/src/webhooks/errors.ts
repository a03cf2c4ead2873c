import { createProblemCatalog } from '@varco/errors'

// The webhook part's coded errors (README.md lists them). Each reaches the internal API's caller (the ingest
// service, which passes it on to the vendor) as an RFC 9457 problem document whose `code` is the error's code and
// whose `title` is the one below; the message is the `detail`.

const catalog = createProblemCatalog()
const define = catalog.define

/** The constant title of a code's problem documents; undefined for a code this module does not define. */
export const webhookProblemTitle = catalog.title

/** Every code this module defines, for the README check. */
export const webhookErrorCodes = catalog.codes

export const InternalAuthRequired = define<[]>(
  'RECEIPTS_ERR_INTERNAL_AUTH',
  'Authentication required',
  'Send the internal token as "Authorization: Bearer <RECEIPTS_INTERNAL_TOKEN>"',
  { statusCode: 401 },
)

export const InternalBadRequest = define<[string]>('RECEIPTS_ERR_BAD_REQUEST', 'Bad request', '%s', {
  statusCode: 400,
})

export const InternalUnsupportedMediaType = define<[string]>(
  'RECEIPTS_ERR_UNSUPPORTED_MEDIA_TYPE',
  'Unsupported media type',
  "Content-Type '%s' is not accepted: send application/json",
  { statusCode: 415 },
)

export const InternalBodyTooLarge = define<[]>(
  'RECEIPTS_ERR_TOO_LARGE',
  'Request body too large',
  'The request body is over 64 KiB',
  { statusCode: 413 },
)

export const InternalRouteNotFound = define<[string, string]>(
  'RECEIPTS_ERR_ROUTE_NOT_FOUND',
  'No such route',
  'There is no route %s %s',
  { statusCode: 404 },
)

export const WebhookNotFound = define<[string]>(
  'RECEIPTS_ERR_WEBHOOK_NOT_FOUND',
  'Webhook subscription not found',
  "No webhook subscription '%s' for this tenant",
  { statusCode: 404 },
)

export const DeliveryNotFound = define<[string]>(
  'RECEIPTS_ERR_DELIVERY_NOT_FOUND',
  'Webhook delivery not found',
  "No delivery '%s' for this webhook subscription",
  { statusCode: 404 },
)

export const WebhookUrlInvalid = define<[string]>(
  'RECEIPTS_ERR_WEBHOOK_URL_INVALID',
  'Webhook URL not accepted',
  'The webhook URL is not accepted: %s',
  { statusCode: 422 },
)

export const WebhookEventTypeUnknown = define<[string, string]>(
  'RECEIPTS_ERR_WEBHOOK_EVENT_TYPE',
  'Unknown event type',
  "'%s' is not an event type a webhook may subscribe to (GET /internal/webhook-event-types lists them: %s)",
  { statusCode: 422 },
)

export const CursorInvalid = define<[]>(
  'RECEIPTS_ERR_CURSOR_INVALID',
  'Invalid cursor',
  'The cursor is not one this API returned; start again without it',
  { statusCode: 400 },
)

export const InternalUnavailable = define<[]>(
  'RECEIPTS_ERR_UNAVAILABLE',
  'Service unavailable',
  'The service cannot answer now (its database is unreachable); try again shortly',
  { statusCode: 503, retriable: true },
)

export const InternalFailure = define<[]>(
  'RECEIPTS_ERR_INTERNAL',
  'Internal error',
  'The request failed on our side; it has been logged',
  { statusCode: 500 },
)

export const WebhookConfigInvalid = define<[string]>(
  'RECEIPTS_ERR_WEBHOOK_CONFIG',
  'Invalid webhook configuration',
  'Invalid webhook configuration: %s',
  { statusCode: 500 },
)
