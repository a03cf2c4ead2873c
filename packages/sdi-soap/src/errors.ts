import { defineError } from '@varco/errors'

// Client errors are split by what a caller should do next (classifyError in @varco/errors reads `retriable`):
// the peer or the path to it failed (network, timeout, HTTP 5xx) → retry; the peer understood the call and refused it
// (SOAP fault, HTTP 4xx) or answered something that is not SdI's contract → retrying the same call cannot help.
// Messages name endpoints, operations and codes, never file contents or key material.

/** The connection failed or broke (refused, reset, DNS): the call may not have reached the peer. */
export const SdiSoapNetworkError = defineError<[string, string, { cause: unknown }?]>(
  'SDI_SOAP_ERR_NETWORK',
  'SOAP call %s to %s failed on the network',
  { statusCode: 502, retriable: true },
)

/** No complete answer within the call's timeout: the peer may or may not have processed the call. */
export const SdiSoapTimeout = defineError<[string, string, string]>(
  'SDI_SOAP_ERR_TIMEOUT',
  'SOAP call %s to %s got no answer within %s ms',
  { statusCode: 504, retriable: true },
)

/** The caller's AbortSignal fired: nothing is wrong with the call itself. */
export const SdiSoapAborted = defineError<[string, string]>('SDI_SOAP_ERR_ABORTED', 'SOAP call %s to %s was aborted', {
  statusCode: 503,
  retriable: true,
})

/** The peer answered HTTP 5xx without a SOAP fault (a proxy, an overloaded or restarting server). */
export const SdiSoapServerUnavailable = defineError<[string, string, string]>(
  'SDI_SOAP_ERR_HTTP_5XX',
  'SOAP call %s to %s got HTTP %s',
  { statusCode: 502, retriable: true },
)

/** The peer answered HTTP 4xx without a SOAP fault (wrong path, refused method or size). */
export const SdiSoapHttpRejected = defineError<[string, string, string]>(
  'SDI_SOAP_ERR_HTTP_4XX',
  'SOAP call %s to %s was refused with HTTP %s',
  { statusCode: 502 },
)

/** The peer answered with a SOAP fault: it read the call and refused it. */
export const SdiSoapFault = defineError<[string, string, string, string]>(
  'SDI_SOAP_ERR_FAULT',
  'SOAP call %s to %s returned fault %s: %s',
  { statusCode: 502 },
)

/** A TLS certificate check failed (the peer's certificate, or ours as the peer judged it): fix the configuration. */
export const SdiSoapTlsError = defineError<[string, string, string, { cause: unknown }?]>(
  'SDI_SOAP_ERR_TLS',
  'SOAP call %s to %s failed the TLS certificate check (%s)',
  { statusCode: 502 },
)

/** The answer is not what the service's contract says (not SOAP, missing or invalid fields, too large). */
export const SdiSoapResponseInvalid = defineError<[string, string, string, { cause: unknown }?]>(
  'SDI_SOAP_ERR_RESPONSE',
  'SOAP call %s to %s got an invalid answer: %s',
  { statusCode: 502 },
)

/** A request this package was asked to send breaks the contract (a bad NomeFile, a non-numeric IdentificativoSdI). */
export const SdiSoapRequestInvalid = defineError<[string]>('SDI_SOAP_ERR_REQUEST', 'Invalid SdI SOAP request: %s', {
  statusCode: 400,
})

/** Options passed to this package are unusable (a non-https endpoint, missing TLS material). */
export const SdiSoapConfigInvalid = defineError<[string]>('SDI_SOAP_ERR_CONFIG', 'Invalid SdI SOAP option: %s')

/** A WSDL of this package did not load: the package is broken or its wsdl folder is missing. */
export const SdiSoapWsdlLoadError = defineError<[string, { cause: unknown }?]>(
  'SDI_SOAP_ERR_WSDL',
  'Cannot load WSDL %s',
)
