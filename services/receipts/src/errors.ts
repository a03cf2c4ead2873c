import { defineError } from '@varco/errors'

// The receipts service's coded errors (README.md lists them). SdI's calls are refused with SOAP faults
// (SDI_SOAP_ERR_REQUEST, from the SOAP package); these are the operator's (admin CLI).

/** A route the operator gave cannot be one (bad code, VAT number, codice fiscale or tenant). */
export const RouteInvalid = defineError<[string]>('RECEIPTS_ERR_ROUTE_INVALID', 'Invalid route: %s', {
  statusCode: 400,
})

/** The same route (code and buyer) is configured already. */
export const RouteExists = defineError<[string]>('RECEIPTS_ERR_ROUTE_EXISTS', 'Route already configured: %s', {
  statusCode: 409,
})

/** No route with this id. */
export const RouteNotFound = defineError<[string]>('RECEIPTS_ERR_ROUTE_NOT_FOUND', 'No route %s', {
  statusCode: 404,
})
