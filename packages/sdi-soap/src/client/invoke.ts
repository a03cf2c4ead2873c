import type { Client } from 'soap'
import { SdiSoapRequestInvalid, SdiSoapResponseInvalid } from '../errors.ts'
import type { BinaryEncoder } from '../model/codecs.ts'
import { asRecord } from '../model/fields.ts'
import { attachmentId, xopInclude, type XopAttachment } from '../mtom/xop-encode.ts'
import type { AnyOperationSpec } from '../contract/spec.ts'
import { CALL_STATE, type CallOptions, type CallState } from './call-state.ts'
import { callError, httpStatusError } from './outcome.ts'

/** Per-call options. */
export interface SdiCallOptions {
  /** Aborts the call (SDI_SOAP_ERR_ABORTED). */
  readonly signal?: AbortSignal
  /** Overrides the client's timeout for this call. */
  readonly timeoutMs?: number
}

export interface InvokeConfig {
  readonly endpoint: string
  readonly mtom: boolean
  readonly timeoutMs: number
}

type SoapAsyncMethod = (args: unknown, options: CallOptions) => Promise<[unknown, ...unknown[]]>

function binaryEncoder(mtom: boolean, attachments: XopAttachment[]): BinaryEncoder {
  if (!mtom) return (bytes) => bytes.toString('base64')
  return (bytes) => {
    const contentId = attachmentId(attachments.length)
    attachments.push({ contentId, bytes })
    // soap copies `$xml` into the element as is: the element's content becomes the xop:Include.
    return { $xml: xopInclude(contentId) }
  }
}

function newState(op: AnyOperationSpec, config: InvokeConfig, options: SdiCallOptions): CallState {
  const timeoutMs = options.timeoutMs ?? config.timeoutMs
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
  const empty = new Map<string, Buffer>()
  return {
    operation: op.operation,
    endpoint: config.endpoint,
    attachments: [],
    signal,
    timeout,
    timeoutMs,
    status: 0,
    responseAttachments: empty,
  }
}

/** Sends one operation through soap's Client and turns the outcome into the typed response or a coded error. */
export async function invoke(
  client: Client,
  op: AnyOperationSpec,
  request: unknown,
  config: InvokeConfig,
  options: SdiCallOptions = {},
): Promise<unknown> {
  const state = newState(op, config, options)
  let args: Record<string, unknown>
  try {
    args = op.request.encode(request, binaryEncoder(config.mtom, state.attachments))
  } catch (err) {
    throw new SdiSoapRequestInvalid(`${op.operation}: ${err instanceof Error ? err.message : String(err)}`)
  }
  const method: unknown = client[`${op.operation}Async`]
  if (typeof method !== 'function') throw new SdiSoapRequestInvalid(`${op.operation} is not in the WSDL`)
  let result: unknown
  try {
    ;[result] = await (method as SoapAsyncMethod).call(client, args, { [CALL_STATE]: state })
  } catch (err) {
    throw callError(err, state)
  }
  // soap reports success for any readable body of a one-way call, whatever the status: the status decides here.
  const statusError = httpStatusError(state)
  if (statusError !== undefined) throw statusError
  if (op.response === undefined) return undefined
  try {
    return op.response.decode(asRecord(result, op.responseElement ?? 'response'), state.responseAttachments)
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new SdiSoapResponseInvalid(op.operation, config.endpoint, reason, { cause })
  }
}
