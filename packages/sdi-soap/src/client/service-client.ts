import type { Agent } from 'node:https'
import { SdiSoapConfigInvalid } from '../errors.ts'
import { RICEZIONE_FATTURE, SDI_RICEVI_FILE, SDI_RICEVI_NOTIFICA, TRASMISSIONE_FATTURE } from '../contract/services.ts'
import type { RequestOf, ResponseOf, ServiceSpec } from '../contract/spec.ts'
import { boundOperation, loadWsdl } from '../soap/wsdl-loader.ts'
import { mutualTlsAgent, type TlsIdentity } from '../tls/mutual-tls.ts'
import { invoke, type ClientOperation, type SdiCallOptions } from './invoke.ts'
import { createTransport } from './transport.ts'

export interface SdiClientOptions {
  /** The service's https URL (given by SdI at accreditation, or a peer's registered endpoint). */
  readonly endpoint: string
  /** Our client certificate and key, and the CA that must have signed the server's certificate. */
  readonly tls?: TlsIdentity
  /** An agent to share between clients instead of `tls` (see mutualTlsAgent); close() leaves it open. */
  readonly agent?: Agent
  /** Timeout of each call, connection to last byte, in ms; default 30 000. */
  readonly timeoutMs?: number
  /** Binary fields as MTOM attachments (true, the default, as SdI itself sends) or inline base64 (false). */
  readonly mtom?: boolean
  /** Largest response accepted, in bytes; default 10 MiB. */
  readonly maxResponseBytes?: number
  /** Connections kept open to the endpoint when the client makes its own agent; default 32. */
  readonly maxSockets?: number
}

/** A typed client of one service: one async method per operation, and close() to release its connections. */
export type ServiceClient<S extends ServiceSpec> = {
  readonly [K in keyof S['operations']]: (
    request: RequestOf<S['operations'][K]>,
    options?: SdiCallOptions,
  ) => Promise<ResponseOf<S['operations'][K]>>
} & { close(): void }

export type SdIRiceviFileClient = ServiceClient<typeof SDI_RICEVI_FILE>
export type SdIRiceviNotificaClient = ServiceClient<typeof SDI_RICEVI_NOTIFICA>
export type TrasmissioneFattureClient = ServiceClient<typeof TRASMISSIONE_FATTURE>
export type RicezioneFattureClient = ServiceClient<typeof RICEZIONE_FATTURE>

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024

function agentFor(options: SdiClientOptions): { agent: Agent; owned: boolean } {
  if (options.agent !== undefined) return { agent: options.agent, owned: false }
  if (options.tls === undefined) throw new SdiSoapConfigInvalid('give `tls` (certificate, key, CA) or an `agent`')
  return { agent: mutualTlsAgent(options.tls, { maxSockets: options.maxSockets }), owned: true }
}

async function createServiceClient<S extends ServiceSpec>(
  service: S,
  options: SdiClientOptions,
): Promise<ServiceClient<S>> {
  let url: URL
  try {
    url = new URL(options.endpoint)
  } catch {
    throw new SdiSoapConfigInvalid(`endpoint ${JSON.stringify(options.endpoint)} is not a URL`)
  }
  if (url.protocol !== 'https:') throw new SdiSoapConfigInvalid(`endpoint ${url.href} must be https (mutual TLS)`)
  const wsdl = await loadWsdl(service)
  const { agent, owned } = agentFor(options)
  const transport = createTransport(url, agent, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES)
  // soap's Client is not used: per call it costs more than the round trip it wraps (envelope assembly, option and
  // header merging, ids). The WSDL still writes the body element and parses the answer, as on the server side.
  const config = {
    endpoint: url.href,
    mtom: options.mtom ?? true,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    wsdl,
    transport,
  }
  const methods: Record<string, unknown> = {}
  for (const [name, op] of Object.entries(service.operations)) {
    const bound: ClientOperation = {
      op,
      input: boundOperation(wsdl, service, op).input,
      soapAction: `"${op.soapAction}"`,
    }
    methods[name] = (request: unknown, callOptions?: SdiCallOptions) => invoke(bound, request, config, callOptions)
  }
  methods.close = () => {
    if (owned) agent.destroy()
  }
  return methods as ServiceClient<S>
}

/** A client of SdI's SdIRiceviFile: `riceviFile` sends a file and resolves to its IdentificativoSdI. */
export function createSdIRiceviFileClient(options: SdiClientOptions): Promise<SdIRiceviFileClient> {
  return createServiceClient(SDI_RICEVI_FILE, options)
}

/** A client of SdI's SdIRiceviNotifica: `notificaEsito` sends a recipient's outcome (EC). */
export function createSdIRiceviNotificaClient(options: SdiClientOptions): Promise<SdIRiceviNotificaClient> {
  return createServiceClient(SDI_RICEVI_NOTIFICA, options)
}

/** A client of a transmitter's TrasmissioneFatture (what SdI calls: for a fake SdI and end-to-end tests). */
export function createTrasmissioneFattureClient(options: SdiClientOptions): Promise<TrasmissioneFattureClient> {
  return createServiceClient(TRASMISSIONE_FATTURE, options)
}

/** A client of a recipient's RicezioneFatture (what SdI calls: for a fake SdI and end-to-end tests). */
export function createRicezioneFattureClient(options: SdiClientOptions): Promise<RicezioneFattureClient> {
  return createServiceClient(RICEZIONE_FATTURE, options)
}
