import { errorCode } from '@varco/errors'
import { SdiSoapFault, SdiSoapHttpRejected, SdiSoapResponseInvalid, SdiSoapServerUnavailable } from '../errors.ts'
import type { CallState } from './call-state.ts'

interface SoapFaultBody {
  readonly faultcode?: unknown
  readonly faultstring?: unknown
}

function faultOf(err: unknown): SoapFaultBody | undefined {
  const root = (err as { root?: { Envelope?: { Body?: { Fault?: SoapFaultBody } } } } | undefined)?.root
  return root?.Envelope?.Body?.Fault
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? ''))

/** An HTTP status outside 2xx when the body said nothing better: 5xx may pass, 4xx will not. */
export function httpStatusError(state: CallState): Error | undefined {
  const { operation, endpoint, status } = state
  if (status >= 500) return new SdiSoapServerUnavailable(operation, endpoint, String(status))
  if (status >= 400) return new SdiSoapHttpRejected(operation, endpoint, String(status))
  if (status < 200 || status >= 300) return new SdiSoapResponseInvalid(operation, endpoint, `HTTP ${status}`)
  return undefined
}

/**
 * The coded error for a call soap rejected: our transport's errors as they are; a SOAP fault, whatever its HTTP
 * status, as SDI_SOAP_ERR_FAULT; a body soap could not read as the HTTP status says (5xx retriable), else invalid.
 */
export function callError(err: unknown, state: CallState): Error {
  if (errorCode(err).startsWith('SDI_SOAP_ERR_')) return err as Error
  const fault = faultOf(err)
  if (fault !== undefined) {
    return new SdiSoapFault(state.operation, state.endpoint, text(fault.faultcode), text(fault.faultstring))
  }
  const reason = err instanceof Error ? err.message : 'unreadable'
  return httpStatusError(state) ?? new SdiSoapResponseInvalid(state.operation, state.endpoint, reason, { cause: err })
}
