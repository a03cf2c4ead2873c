import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import { TLSSocket } from 'node:tls'
import { SdiSoapConfigInvalid } from '../errors.ts'
import { RICEZIONE_FATTURE, SDI_RICEVI_FILE, SDI_RICEVI_NOTIFICA, TRASMISSIONE_FATTURE } from '../contract/services.ts'
import type { ServiceSpec } from '../contract/spec.ts'
import { faultEnvelope, SOAP_CONTENT_TYPE } from '../soap/envelope.ts'
import { createServiceEndpoint, type FaultListener, type ServiceEndpoint, type SoapHttpReply } from './endpoint.ts'
import type {
  RicezioneFattureHandlers,
  SdIRiceviFileHandlers,
  SdIRiceviNotificaHandlers,
  TrasmissioneFattureHandlers,
} from './handlers.ts'
import { readBody } from './read-body.ts'

/** A service to serve: its handlers and, optionally, a path other than the default (/<ServiceName>). */
export interface ServiceMount<H> {
  readonly path?: string
  readonly handlers: H
}

export interface SdiServerOptions {
  readonly sdiRiceviFile?: ServiceMount<SdIRiceviFileHandlers>
  readonly sdiRiceviNotifica?: ServiceMount<SdIRiceviNotificaHandlers>
  readonly trasmissioneFatture?: ServiceMount<TrasmissioneFattureHandlers>
  readonly ricezioneFatture?: ServiceMount<RicezioneFattureHandlers>
  /** Largest request body accepted, in bytes; default 10 MiB (SdI files are at most 5 MB, base64 adds a third). */
  readonly maxRequestBytes?: number
  /** HTTP status of a one-way operation's empty reply; default 202 (WS-I Basic Profile allows 200 or 202). */
  readonly oneWayStatus?: 200 | 202
  /** Told about every fault sent (for logs and metrics); it must not throw. */
  readonly onFault?: FaultListener
}

/** The services a server now answers, by path; `unmount` gives the server its previous request listeners back. */
export interface MountedSdiServices {
  readonly paths: ReadonlyMap<string, string>
  unmount(): void
}

export const DEFAULT_MAX_REQUEST_BYTES = 10 * 1024 * 1024

const normalize = (path: string): string => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path)

function send(res: ServerResponse, reply: SoapHttpReply, close = false): void {
  const headers: Record<string, string | number> = { 'content-length': Buffer.byteLength(reply.body) }
  if (reply.body !== '') headers['content-type'] = SOAP_CONTENT_TYPE
  if (close) headers.connection = 'close'
  res.writeHead(reply.status, headers).end(reply.body)
}

async function serve(endpoint: ServiceEndpoint, limit: number, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST')
    return send(res, { status: 405, body: faultEnvelope('Client', `${req.method ?? '?'} is not allowed: use POST`) })
  }
  const encoding = req.headers['content-encoding']
  if (encoding !== undefined && encoding !== 'identity') {
    return send(res, { status: 415, body: faultEnvelope('Client', `Content-Encoding ${encoding} is not supported`) })
  }
  const body = await readBody(req, limit)
  if (body === 'too-large') {
    const message = `The request exceeds ${limit} bytes`
    // The rest of the body is never read: the connection cannot be reused.
    return send(res, { status: 413, body: faultEnvelope('Client', message) }, true)
  }
  const socket = req.socket
  const reply = await endpoint.handle({
    body,
    contentType: req.headers['content-type'],
    soapAction: req.headers.soapaction as string | undefined,
    remoteAddress: socket.remoteAddress,
    peerCertificate: () => (socket instanceof TLSSocket ? socket.getPeerCertificate() : undefined),
  })
  send(res, reply)
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void

/**
 * Serves the given SdICoop services on an HTTP(S) server: requests to their paths are answered here, every other
 * request goes to the listeners the server had before (or gets 404 when it had none). Give an HTTPS server created
 * with mutualTlsServerOptions in production; plain HTTP only behind something that did the mutual TLS.
 */
export async function mountSdiServices(
  server: HttpServer | HttpsServer,
  options: SdiServerOptions,
): Promise<MountedSdiServices> {
  const limit = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES
  const endpointOptions = { oneWayStatus: options.oneWayStatus ?? 202, onFault: options.onFault }
  const wanted: [ServiceSpec, ServiceMount<object> | undefined][] = [
    [SDI_RICEVI_FILE, options.sdiRiceviFile],
    [SDI_RICEVI_NOTIFICA, options.sdiRiceviNotifica],
    [TRASMISSIONE_FATTURE, options.trasmissioneFatture],
    [RICEZIONE_FATTURE, options.ricezioneFatture],
  ]
  const endpoints = new Map<string, ServiceEndpoint>()
  for (const [spec, mount] of wanted) {
    if (mount === undefined) continue
    const path = normalize(mount.path ?? spec.defaultPath)
    if (endpoints.has(path)) throw new SdiSoapConfigInvalid(`two services on path ${path}`)
    endpoints.set(path, await createServiceEndpoint(spec, mount.handlers, endpointOptions))
  }
  const previous = server.listeners('request') as Listener[]
  const listener: Listener = (req, res) => {
    const url = req.url ?? '/'
    const query = url.indexOf('?')
    const endpoint = endpoints.get(normalize(query === -1 ? url : url.slice(0, query)))
    if (endpoint !== undefined) {
      serve(endpoint, limit, req, res).catch(() => res.destroy())
      return
    }
    if (previous.length === 0) res.writeHead(404).end()
    for (const other of previous) other.call(server, req, res)
  }
  server.removeAllListeners('request')
  server.on('request', listener)
  return {
    paths: new Map([...endpoints].map(([path, endpoint]) => [path, endpoint.service.name])),
    unmount() {
      server.off('request', listener)
      for (const other of previous) server.on('request', other)
    },
  }
}
