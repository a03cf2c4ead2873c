import type { Codec } from '../model/codecs.ts'

/** One operation as the WSDL binds it. A one-way operation has no response element and resolves to void. */
export interface OperationSpec<Req, Res> {
  /** The WSDL operation name (e.g. RiceviFile). */
  readonly operation: string
  /** The binding's soapAction, exactly as the official WSDL gives it (FACTS.md section 2). */
  readonly soapAction: string
  /** Local name of the request's body element (in the service's types namespace). */
  readonly requestElement: string
  readonly request: Codec<Req>
  /** Local name of the response's body element; undefined for one-way operations. */
  readonly responseElement: string | undefined
  readonly response: Codec<Res> | undefined
}

// The erased form the runtime iterates over; the message types only matter at the API's edges. (Codec's methods are
// declared as methods, so any OperationSpec<Req, Res> is assignable to it.)
export type AnyOperationSpec = OperationSpec<unknown, unknown>

/** One SdICoop service: its WSDL in this package and its operations by method name. */
export interface ServiceSpec {
  /** The WSDL service's portType name (SdIRiceviFile, ...). */
  readonly name: string
  /** File name inside this package's wsdl folder. */
  readonly wsdl: string
  /** Namespace of the request and response elements. */
  readonly typesNamespace: string
  /** Path a server mounts the service on unless told otherwise. */
  readonly defaultPath: string
  readonly operations: Readonly<Record<string, AnyOperationSpec>>
}

export type RequestOf<O> = O extends OperationSpec<infer Req, unknown> ? Req : never
export type ResponseOf<O> = O extends OperationSpec<unknown, infer Res> ? Res : never

export function requestResponse<Req, Res>(spec: {
  operation: string
  soapAction: string
  requestElement: string
  request: Codec<Req>
  responseElement: string
  response: Codec<Res>
}): OperationSpec<Req, Res> {
  return spec
}

export function oneWay<Req>(spec: {
  operation: string
  soapAction: string
  requestElement: string
  request: Codec<Req>
}): OperationSpec<Req, void> {
  return { ...spec, responseElement: undefined, response: undefined }
}
