import type { Attachments } from '../model/fields.ts'
import type { XopAttachment } from '../mtom/xop-encode.ts'

/** What one call carries from invoke to the transport and back, and what its errors are told from. */
export interface CallState {
  readonly operation: string
  readonly endpoint: string
  /** Binary fields to send as MTOM attachments (empty: inline base64, plain text/xml). */
  readonly attachments: XopAttachment[]
  /** Aborts the HTTP request: fires on the call's timeout or on the caller's signal. */
  readonly signal: AbortSignal
  /** Set when the call's own timeout fired, to tell it from the caller's abort. */
  readonly timeout: { readonly aborted: boolean }
  readonly timeoutMs: number
  /** Set by the transport: the HTTP status, and the parts of an MTOM response. */
  status: number
  responseAttachments: Attachments
}
