import type { PeerCertificate } from 'node:tls'
import type { WSDL } from 'soap'
import { errorCode } from '@varco/errors'
import { SdiSoapRequestInvalid } from '../errors.ts'
import { asRecord } from '../model/fields.ts'
import { bodyElement, declaresNamespace } from '../soap/body-element.ts'
import { envelope, faultEnvelope, type FaultCode } from '../soap/envelope.ts'
import { boundOperation, loadWsdl, type BoundOutput } from '../soap/wsdl-loader.ts'
import type { AnyOperationSpec, ServiceSpec } from '../contract/spec.ts'
import type { SoapRequestContext } from './handlers.ts'
import { readEnvelope, type EnvelopeText } from './read-request.ts'
import { EnvelopeInvalid, faultFor } from './refusals.ts'

/** An HTTP request reduced to what SOAP needs; built by the mount, or by a test without sockets. */
export interface SoapHttpRequest {
  readonly body: Buffer
  readonly contentType: string | undefined
  readonly soapAction: string | undefined
  readonly remoteAddress: string | undefined
  readonly peerCertificate: () => PeerCertificate | undefined
}

/** What to answer: an empty body means no envelope (one-way operations). */
export interface SoapHttpReply {
  readonly status: number
  readonly body: string
}

/** Told about every fault a server sends: Client faults with the refusal, Server faults with the handler's error. */
export type FaultListener = (
  err: unknown,
  info: { readonly service: string; readonly operation: string | undefined; readonly fault: FaultCode },
) => void

export interface EndpointOptions {
  readonly oneWayStatus: number
  readonly onFault: FaultListener | undefined
}

export interface ServiceEndpoint {
  readonly service: ServiceSpec
  handle(request: SoapHttpRequest): Promise<SoapHttpReply>
}

type Handler = (request: unknown, context: SoapRequestContext) => Promise<unknown>

interface Bound {
  readonly method: string
  readonly op: AnyOperationSpec
  readonly output: BoundOutput
}

const unquote = (action: string | undefined): string => (action ?? '').trim().replace(/^"(.*)"$/, '$1')

/** Finds the operation from the body element, and refuses a SOAPAction that names a different one. */
function operationOf(
  service: ServiceSpec,
  byElement: ReadonlyMap<string, Bound>,
  message: EnvelopeText,
  action: string,
) {
  const element = bodyElement(message.xml)
  if (element === undefined) throw new EnvelopeInvalid('The SOAP Body holds no element')
  const bound = byElement.get(element.localName)
  if (bound === undefined) {
    const expected = [...byElement.keys()].join(', ')
    throw new EnvelopeInvalid(`${element.localName} is not a request of ${service.name} (expected one of: ${expected})`)
  }
  if (!declaresNamespace(message.xml, element.prefix, service.typesNamespace)) {
    throw new EnvelopeInvalid(`${element.localName} must be in namespace ${service.typesNamespace}`)
  }
  if (action !== '' && action !== bound.op.soapAction) {
    throw new EnvelopeInvalid(`SOAPAction ${action} does not match ${element.localName} (${bound.op.soapAction})`)
  }
  return bound
}

function parseBody(wsdl: WSDL, message: EnvelopeText, op: AnyOperationSpec): unknown {
  let parsed: unknown
  try {
    parsed = wsdl.xmlToObject(message.xml)
  } catch (err) {
    // soap throws { Fault: { detail } } objects for XML syntax errors.
    const detail = (err as { Fault?: { detail?: unknown } } | undefined)?.Fault?.detail
    throw new EnvelopeInvalid(
      `The SOAP message is not well-formed XML${typeof detail === 'string' ? `: ${detail}` : ''}`,
    )
  }
  const body = asRecord(asRecord(parsed, 'Envelope').Body, 'soap:Body')
  return op.request.decode(asRecord(body[op.requestElement], op.requestElement), message.attachments)
}

/** Serves one service: the socket-free core of the server (request bytes in, reply text out). */
export async function createServiceEndpoint(
  service: ServiceSpec,
  handlers: object,
  options: EndpointOptions,
): Promise<ServiceEndpoint> {
  const wsdl = await loadWsdl(service)
  const byElement = new Map<string, Bound>()
  for (const [method, op] of Object.entries(service.operations)) {
    byElement.set(op.requestElement, { method, op, output: boundOperation(wsdl, service, op).output })
  }
  const fault = (err: unknown, operation: string | undefined, code: FaultCode, status: number, text: string) => {
    options.onFault?.(err, { service: service.name, operation, fault: code })
    return { status, body: faultEnvelope(code, text) }
  }

  async function handle(request: SoapHttpRequest): Promise<SoapHttpReply> {
    let bound: Bound | undefined
    let message: EnvelopeText
    let decoded: unknown
    try {
      message = readEnvelope(request.body, request.contentType)
      bound = operationOf(service, byElement, message, unquote(request.soapAction))
      decoded = parseBody(wsdl, message, bound.op)
    } catch (err) {
      const reply = faultFor(err)
      return fault(err, bound?.op.operation, reply.code, reply.status, err instanceof Error ? err.message : String(err))
    }
    const { method, op, output } = bound
    const context: SoapRequestContext = {
      service: service.name,
      operation: op.operation,
      mtom: message.mtom,
      remoteAddress: request.remoteAddress,
      peerCertificate: request.peerCertificate,
    }
    let result: unknown
    try {
      result = await (handlers as Readonly<Record<string, Handler>>)[method]!(decoded, context)
    } catch (err) {
      if (errorCode(err) === SdiSoapRequestInvalid.code)
        return fault(err, op.operation, 'Client', 500, String((err as Error).message))
      return fault(err, op.operation, 'Server', 500, `${op.operation} could not be processed; try again later`)
    }
    if (op.response === undefined || op.responseElement === undefined) return { status: options.oneWayStatus, body: '' }
    try {
      const fields = op.response.encode(result, (bytes) => bytes.toString('base64'))
      const xml: unknown = wsdl.objectToDocumentXML(op.responseElement, fields, output.prefix, output.namespace)
      return { status: 200, body: envelope(String(xml)) }
    } catch (err) {
      return fault(err, op.operation, 'Server', 500, `${op.operation} produced an invalid response`)
    }
  }

  return { service, handle }
}
