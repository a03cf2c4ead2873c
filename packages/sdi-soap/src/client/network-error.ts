import { errorCode } from '@varco/errors'
import { SdiSoapAborted, SdiSoapNetworkError, SdiSoapTimeout, SdiSoapTlsError } from '../errors.ts'
import type { CallState } from './call-state.ts'

// OpenSSL and Node codes for a certificate that did not verify, on either side: our check of the server's certificate
// (UNABLE_TO_VERIFY_LEAF_SIGNATURE, ERR_TLS_CERT_ALTNAME_INVALID, CERT_HAS_EXPIRED, ...) or the server's alert about
// ours (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED, ERR_SSL_TLSV1_ALERT_UNKNOWN_CA, ...). With TLS 1.3 a server may
// also just reset the connection after refusing our certificate: that looks like ECONNRESET and stays retriable.
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|UNABLE_TO_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/

/** The coded error for a call that failed before a complete HTTP response arrived. */
export function networkError(err: unknown, state: CallState): Error {
  const { operation, endpoint } = state
  if (state.timeout.aborted) return new SdiSoapTimeout(operation, endpoint, String(state.timeoutMs))
  if (state.signal.aborted) return new SdiSoapAborted(operation, endpoint)
  const code = errorCode(err)
  if (TLS_CODE.test(code)) return new SdiSoapTlsError(operation, endpoint, code, { cause: err })
  return new SdiSoapNetworkError(operation, endpoint, { cause: err })
}
