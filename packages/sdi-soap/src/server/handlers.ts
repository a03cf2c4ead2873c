import type { PeerCertificate } from 'node:tls'
import type {
  RICEZIONE_FATTURE,
  SDI_RICEVI_FILE,
  SDI_RICEVI_NOTIFICA,
  TRASMISSIONE_FATTURE,
} from '../contract/services.ts'
import type { RequestOf, ResponseOf, ServiceSpec } from '../contract/spec.ts'

/** What a handler may want to know about the call besides its body (for logs and audit, not for routing). */
export interface SoapRequestContext {
  /** Service (portType) name, e.g. TrasmissioneFatture. */
  readonly service: string
  /** WSDL operation name, e.g. NotificaScarto. */
  readonly operation: string
  /** Whether the binary fields arrived as MTOM attachments (else inline base64). */
  readonly mtom: boolean
  readonly remoteAddress: string | undefined
  /** The TLS client certificate (already verified against the configured CA); undefined over plain HTTP. */
  peerCertificate(): PeerCertificate | undefined
}

/**
 * One async function per operation of a service, keyed by the operation's camelCase name. A request-response
 * operation resolves to its response; a one-way operation resolves when the message is safely taken (the HTTP reply
 * is sent after that). Throw SdiSoapRequestInvalid to refuse a message with a Client fault; anything else becomes a
 * Server fault with a generic message (the error goes to the server's onError).
 */
export type ServiceHandlers<S extends ServiceSpec> = {
  readonly [K in keyof S['operations']]: (
    request: RequestOf<S['operations'][K]>,
    context: SoapRequestContext,
  ) => Promise<ResponseOf<S['operations'][K]>>
}

/** Handlers of SdIRiceviFile (a fake SdI in tests). */
export type SdIRiceviFileHandlers = ServiceHandlers<typeof SDI_RICEVI_FILE>
/** Handlers of SdIRiceviNotifica (a fake SdI in tests). */
export type SdIRiceviNotificaHandlers = ServiceHandlers<typeof SDI_RICEVI_NOTIFICA>
/** Handlers of TrasmissioneFatture: the messages SdI sends a transmitter. */
export type TrasmissioneFattureHandlers = ServiceHandlers<typeof TRASMISSIONE_FATTURE>
/** Handlers of RicezioneFatture: the invoices and DT messages SdI sends a recipient. */
export type RicezioneFattureHandlers = ServiceHandlers<typeof RICEZIONE_FATTURE>
