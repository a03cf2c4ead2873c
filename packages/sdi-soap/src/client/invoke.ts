import type { WSDL } from 'soap'
import { SdiSoapRequestInvalid, SdiSoapResponseInvalid } from '../errors.ts'
import type { BinaryEncoder } from '../model/codecs.ts'
import { asRecord } from '../model/fields.ts'
import { attachmentId, xopInclude, type XopAttachment } from '../mtom/xop-encode.ts'
import type { AnyOperationSpec } from '../contract/spec.ts'
import { envelope } from '../soap/envelope.ts'
import type { BoundOutput } from '../soap/wsdl-loader.ts'
import type { CallState } from './call-state.ts'
import { callError, httpStatusError } from './outcome.ts'
import type { SoapTransport } from './transport.ts'

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
  readonly wsdl: WSDL
  readonly transport: SoapTransport
}

/** One operation as the client sends it: the spec, where the WSDL writes its input, its SOAPAction header. */
export interface ClientOperation {
  readonly op: AnyOperationSpec
  readonly input: BoundOutput
  /** Quoted, as soap's Client sends it (WS-I BP R2744). */
  readonly soapAction: string
}

function binaryEncoder(mtom: boolean, attachments: XopAttachment[]): BinaryEncoder {
  if (!mtom) return (bytes) => bytes.toString('base64')
  return (bytes) => {
    const contentId = attachmentId(attachments.length)
    attachments.push({ contentId, bytes })
    // soap copies `$xml` into the element as is: the element's content becomes the xop:Include.
    return { $xml: xopInclude(contentId) }
  }
}

/** The request envelope, written as soap's Client would (objectToDocumentXML of the input element) in ours. */
function requestEnvelope(config: InvokeConfig, bound: ClientOperation, request: unknown, state: CallState): string {
  const { op, input } = bound
  try {
    const fields = op.request.encode(request, binaryEncoder(config.mtom, state.attachments))
    return envelope(
      String(config.wsdl.objectToDocumentXML(op.requestElement, fields, input.prefix, input.namespace, input.type)),
    )
  } catch (err) {
    throw new SdiSoapRequestInvalid(`${op.operation}: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/** Reads the answer: a fault first (whatever the status), then the status, then the output element's fields. */
function decodeResponse(config: InvokeConfig, op: AnyOperationSpec, text: string, state: CallState): unknown {
  let parsed: unknown
  try {
    // A one-way answer usually has no body at all; soap's parser would read an empty one as an empty object anyway.
    // soap throws an Error with `root` for a fault, which callError reads.
    if (text !== '' || op.response !== undefined) parsed = config.wsdl.xmlToObject(text)
  } catch (err) {
    throw callError(err, state)
  }
  const statusError = httpStatusError(state)
  if (statusError !== undefined) throw statusError
  if (op.response === undefined || op.responseElement === undefined) return undefined
  try {
    const body = asRecord(asRecord(parsed, 'Envelope').Body, 'soap:Body')
    return op.response.decode(asRecord(body[op.responseElement], op.responseElement), state.responseAttachments)
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new SdiSoapResponseInvalid(op.operation, config.endpoint, reason, { cause })
  }
}

/** Sends one operation and turns the outcome into the typed response or a coded error. */
export async function invoke(
  bound: ClientOperation,
  request: unknown,
  config: InvokeConfig,
  options: SdiCallOptions = {},
): Promise<unknown> {
  const { op } = bound
  const timeoutMs = options.timeoutMs ?? config.timeoutMs
  // One controller and one timer per call, both dropped when it settles: cheaper than AbortSignal.timeout plus
  // AbortSignal.any, whose signals and listeners outlive the call.
  const controller = new AbortController()
  const timeout = { aborted: false }
  const state: CallState = {
    operation: op.operation,
    endpoint: config.endpoint,
    attachments: [],
    signal: controller.signal,
    timeout,
    timeoutMs,
    status: 0,
    responseAttachments: new Map(),
  }
  const xml = requestEnvelope(config, bound, request, state)
  const caller = options.signal
  const onAbort = () => controller.abort(caller?.reason)
  if (caller?.aborted === true) controller.abort(caller.reason)
  else caller?.addEventListener('abort', onAbort, { once: true })
  const timer = setTimeout(() => {
    timeout.aborted = true
    controller.abort()
  }, timeoutMs)
  // As AbortSignal.timeout: a pending call timer alone does not keep the process alive.
  timer.unref()
  let text: string
  try {
    text = await config.transport.post(xml, bound.soapAction, state)
  } catch (err) {
    throw callError(err, state)
  } finally {
    clearTimeout(timer)
    caller?.removeEventListener('abort', onAbort)
  }
  return decodeResponse(config, op, text, state)
}
