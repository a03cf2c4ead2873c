import {
  fileSdI,
  fileSdIBase,
  fileSdIConMetadati,
  rispostaRiceviFatture,
  rispostaSdINotificaEsito,
  rispostaSdIRiceviFile,
} from '../model/codecs.ts'
import type { FileSdI } from '../model/messages.ts'
import { oneWay, requestResponse, type OperationSpec, type ServiceSpec } from './spec.ts'

// Namespaces, element names and SOAPActions of FACTS.md section 2, as the official WSDLs bind them; the WSDLs in this
// package's wsdl folder say the same (a unit test compares them with the official ones).

/** Namespace of SdIRiceviFile and TrasmissioneFatture (WSDL targetNamespace). */
export const TRASMISSIONE_NAMESPACE = 'http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0'
/** Namespace of their message elements. */
export const TRASMISSIONE_TYPES_NAMESPACE = `${TRASMISSIONE_NAMESPACE}/types`
/** Namespace of SdIRiceviNotifica and RicezioneFatture (WSDL targetNamespace). */
export const RICEZIONE_NAMESPACE = 'http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0'
/** Namespace of their message elements. */
export const RICEZIONE_TYPES_NAMESPACE = `${RICEZIONE_NAMESPACE}/types`

/** SdI's service for transmitters: send a file, get its IdentificativoSdI. */
export const SDI_RICEVI_FILE = {
  name: 'SdIRiceviFile',
  wsdl: 'sdi-ricevi-file.wsdl',
  typesNamespace: TRASMISSIONE_TYPES_NAMESPACE,
  defaultPath: '/SdIRiceviFile',
  operations: {
    riceviFile: requestResponse({
      operation: 'RiceviFile',
      soapAction: 'http://www.fatturapa.it/SdIRiceviFile/RiceviFile',
      requestElement: 'fileSdIAccoglienza',
      request: fileSdIBase,
      responseElement: 'rispostaSdIRiceviFile',
      response: rispostaSdIRiceviFile,
    }),
  },
} as const satisfies ServiceSpec

/** SdI's service for recipients: send the outcome (EC) on a PA invoice. */
export const SDI_RICEVI_NOTIFICA = {
  name: 'SdIRiceviNotifica',
  wsdl: 'sdi-ricevi-notifica.wsdl',
  typesNamespace: RICEZIONE_TYPES_NAMESPACE,
  defaultPath: '/SdIRiceviNotifica',
  operations: {
    notificaEsito: requestResponse({
      operation: 'NotificaEsito',
      soapAction: 'http://www.fatturapa.it/SdIRicezioneNotifiche/NotificaEsito',
      requestElement: 'fileSdI',
      request: fileSdI,
      responseElement: 'rispostaSdINotificaEsito',
      response: rispostaSdINotificaEsito,
    }),
  },
} as const satisfies ServiceSpec

const trasmissione = (operation: string, requestElement: string): OperationSpec<FileSdI, void> =>
  oneWay({
    operation,
    soapAction: `http://www.fatturapa.it/TrasmissioneFatture/${operation}`,
    requestElement,
    request: fileSdI,
  })

/** The transmitter's endpoint (ours): SdI delivers the messages about the files we sent. All one-way. */
export const TRASMISSIONE_FATTURE = {
  name: 'TrasmissioneFatture',
  wsdl: 'trasmissione-fatture.wsdl',
  typesNamespace: TRASMISSIONE_TYPES_NAMESPACE,
  defaultPath: '/TrasmissioneFatture',
  operations: {
    ricevutaConsegna: trasmissione('RicevutaConsegna', 'ricevutaConsegna'),
    notificaMancataConsegna: trasmissione('NotificaMancataConsegna', 'notificaMancataConsegna'),
    notificaScarto: trasmissione('NotificaScarto', 'notificaScarto'),
    notificaEsito: trasmissione('NotificaEsito', 'notificaEsito'),
    notificaDecorrenzaTermini: trasmissione('NotificaDecorrenzaTermini', 'notificaDecorrenzaTermini'),
    attestazioneTrasmissioneFattura: trasmissione('AttestazioneTrasmissioneFattura', 'attestazioneTrasmissioneFattura'),
  },
} as const satisfies ServiceSpec

/** The recipient's endpoint (ours): SdI delivers invoices and the DT message. */
export const RICEZIONE_FATTURE = {
  name: 'RicezioneFatture',
  wsdl: 'ricezione-fatture.wsdl',
  typesNamespace: RICEZIONE_TYPES_NAMESPACE,
  defaultPath: '/RicezioneFatture',
  operations: {
    riceviFatture: requestResponse({
      operation: 'RiceviFatture',
      // "RiceviFattureSdI", not the operation name: as the official WSDL binds it.
      soapAction: 'http://www.fatturapa.it/RicezioneFatture/RiceviFattureSdI',
      requestElement: 'fileSdIConMetadati',
      request: fileSdIConMetadati,
      responseElement: 'rispostaRiceviFatture',
      response: rispostaRiceviFatture,
    }),
    notificaDecorrenzaTermini: oneWay({
      operation: 'NotificaDecorrenzaTermini',
      soapAction: 'http://www.fatturapa.it/RicezioneFatture/NotificaDecorrenzaTermini',
      requestElement: 'fileSdI',
      request: fileSdI,
    }),
  },
} as const satisfies ServiceSpec

/** The four services, for iteration (tests, documentation). */
export const SDI_SERVICES = [SDI_RICEVI_FILE, SDI_RICEVI_NOTIFICA, TRASMISSIONE_FATTURE, RICEZIONE_FATTURE] as const
