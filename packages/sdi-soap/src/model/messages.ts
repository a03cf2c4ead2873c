import type { ErroreInvio, EsitoNotifica, EsitoRicezione } from './codes.ts'

// The SOAP bodies of the four SdICoop services as plain data. Field names are the XML element names (as in
// @varco/fatturapa's model), so a field maps to the wire without a lookup table. Binary fields are Buffers: the
// transport decides between MTOM attachments and inline base64.

/**
 * An SdI file identifier. The SOAP types say integer of at most 12 digits, but SdI's B2B messages allow strings of
 * 1..36 characters (FACTS.md section 2): it is kept as the canonical decimal string, never as a number.
 */
export type IdentificativoSdI = string

/** fileSdIBase_Type: a named file (the request of RiceviFile, the ScartoEsito of NotificaEsito). */
export interface FileSdIBase {
  /** Pattern [a-zA-Z0-9_.]{9,50}. */
  readonly NomeFile: string
  readonly File: Buffer
}

/** fileSdI_Type: a named file about an invoice file SdI already identified (every SdI message, the EC). */
export interface FileSdI extends FileSdIBase {
  readonly IdentificativoSdI: IdentificativoSdI
}

/** fileSdIConMetadati_Type: the invoice file delivered to a recipient, with its metadata file (MT). */
export interface FileSdIConMetadati extends FileSdI {
  readonly NomeFileMetadati: string
  readonly Metadati: Buffer
}

/** SdIRiceviFile.RiceviFile request (element fileSdIAccoglienza). */
export type RiceviFileRequest = FileSdIBase

/** SdIRiceviFile.RiceviFile response (element rispostaSdIRiceviFile). */
export interface RiceviFileResponse {
  readonly IdentificativoSdI: IdentificativoSdI
  /** xsd:dateTime exactly as SdI wrote it (no time-zone guessing here). */
  readonly DataOraRicezione: string
  /** Present when SdI refused the file at the door. */
  readonly Errore?: ErroreInvio
}

/** SdIRiceviNotifica.NotificaEsito request (element fileSdI): the recipient's EC message. */
export type NotificaEsitoRequest = FileSdI

/** SdIRiceviNotifica.NotificaEsito response (element rispostaSdINotificaEsito). */
export interface NotificaEsitoResponse {
  readonly Esito: EsitoNotifica
  /** The SE message; SdI sends it with ES00. */
  readonly ScartoEsito?: FileSdIBase
}

/** RicezioneFatture.RiceviFatture request (element fileSdIConMetadati). */
export type RiceviFattureRequest = FileSdIConMetadati

/** RicezioneFatture.RiceviFatture response (element rispostaRiceviFatture). */
export interface RiceviFattureResponse {
  readonly Esito: EsitoRicezione
}

/** The request of every one-way operation (TrasmissioneFatture's six, RicezioneFatture.NotificaDecorrenzaTermini). */
export type NotificaRequest = FileSdI
