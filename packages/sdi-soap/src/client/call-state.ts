import type { Attachments } from '../model/fields.ts'
import type { XopAttachment } from '../mtom/xop-encode.ts'

/**
 * What one call carries through soap's Client to the transport and back. soap hands the options object of a method
 * call to the HTTP client unchanged, so the state rides there under a symbol soap never reads.
 */
export interface CallState {
  readonly operation: string
  readonly endpoint: string
  /** Binary fields to send as MTOM attachments (empty: inline base64, plain text/xml). */
  readonly attachments: XopAttachment[]
  readonly signal: AbortSignal
  /** Fires on the call's own timeout, to tell it from the caller's abort. */
  readonly timeout: AbortSignal
  readonly timeoutMs: number
  /** Set by the transport: the HTTP status, and the parts of an MTOM response. */
  status: number
  responseAttachments: Attachments
}

export const CALL_STATE = Symbol('varco.sdi-soap.call')

export type CallOptions = { readonly [CALL_STATE]: CallState }
