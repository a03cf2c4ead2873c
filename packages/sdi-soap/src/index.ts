export {
  createRicezioneFattureClient,
  createSdIRiceviFileClient,
  createSdIRiceviNotificaClient,
  createTrasmissioneFattureClient,
  type RicezioneFattureClient,
  type SdIRiceviFileClient,
  type SdIRiceviNotificaClient,
  type SdiClientOptions,
  type ServiceClient,
  type TrasmissioneFattureClient,
} from './client/service-client.ts'
export type { SdiCallOptions } from './client/invoke.ts'
export {
  SdiSoapAborted,
  SdiSoapConfigInvalid,
  SdiSoapFault,
  SdiSoapHttpRejected,
  SdiSoapNetworkError,
  SdiSoapRequestInvalid,
  SdiSoapResponseInvalid,
  SdiSoapServerUnavailable,
  SdiSoapTimeout,
  SdiSoapTlsError,
  SdiSoapWsdlLoadError,
} from './errors.ts'
export {
  ERRORI_INVIO,
  ESITI_NOTIFICA,
  ESITI_RICEZIONE,
  type ErroreInvio,
  type EsitoNotifica,
  type EsitoRicezione,
} from './model/codes.ts'
export type {
  FileSdI,
  FileSdIBase,
  FileSdIConMetadati,
  IdentificativoSdI,
  NotificaEsitoRequest,
  NotificaEsitoResponse,
  NotificaRequest,
  RiceviFattureRequest,
  RiceviFattureResponse,
  RiceviFileRequest,
  RiceviFileResponse,
} from './model/messages.ts'
export type { FaultListener } from './server/endpoint.ts'
export type {
  RicezioneFattureHandlers,
  SdIRiceviFileHandlers,
  SdIRiceviNotificaHandlers,
  ServiceHandlers,
  SoapRequestContext,
  TrasmissioneFattureHandlers,
} from './server/handlers.ts'
export {
  DEFAULT_MAX_REQUEST_BYTES,
  mountSdiServices,
  type MountedSdiServices,
  type SdiServerOptions,
  type ServiceMount,
} from './server/mount.ts'
export {
  RICEZIONE_FATTURE,
  RICEZIONE_NAMESPACE,
  RICEZIONE_TYPES_NAMESPACE,
  SDI_RICEVI_FILE,
  SDI_RICEVI_NOTIFICA,
  SDI_SERVICES,
  TRASMISSIONE_FATTURE,
  TRASMISSIONE_NAMESPACE,
  TRASMISSIONE_TYPES_NAMESPACE,
} from './contract/services.ts'
export type { OperationSpec, ServiceSpec } from './contract/spec.ts'
export { WSDL_DIR } from './soap/wsdl-loader.ts'
export {
  mutualTlsAgent,
  mutualTlsServerOptions,
  type MutualTlsAgentOptions,
  type TlsIdentity,
} from './tls/mutual-tls.ts'
