import { isErroreInvio, isEsitoNotifica, isEsitoRicezione } from './codes.ts'
import {
  asRecord,
  binary,
  code,
  dateTime,
  identificativoSdI,
  nomeFile,
  type Attachments,
  type Parsed,
} from './fields.ts'
import type {
  FileSdI,
  FileSdIBase,
  FileSdIConMetadati,
  NotificaEsitoResponse,
  RiceviFattureResponse,
  RiceviFileResponse,
} from './messages.ts'

/** How a binary field goes into an outgoing message: base64 text, or an xop:Include for an MTOM attachment. */
export type BinaryEncoder = (bytes: Buffer, field: string) => unknown

/**
 * Between a typed message and the object soap reads and writes. `decode` checks every field (both sides of the wire
 * use it); `encode` checks too and lists fields in the schema's sequence order, which soap writes as given.
 */
export interface Codec<T> {
  decode(parsed: Parsed, attachments: Attachments): T
  encode(value: T, binaryField: BinaryEncoder): Record<string, unknown>
}

export const fileSdIBase: Codec<FileSdIBase> = {
  decode: (p, att) => ({ NomeFile: nomeFile(p.NomeFile), File: binary(p.File, att, 'File') }),
  encode: (v, bin) => ({ NomeFile: nomeFile(v.NomeFile), File: bin(v.File, 'File') }),
}

export const fileSdI: Codec<FileSdI> = {
  decode: (p, att) => ({
    IdentificativoSdI: identificativoSdI(p.IdentificativoSdI),
    NomeFile: nomeFile(p.NomeFile),
    File: binary(p.File, att, 'File'),
  }),
  encode: (v, bin) => ({
    IdentificativoSdI: identificativoSdI(v.IdentificativoSdI),
    NomeFile: nomeFile(v.NomeFile),
    File: bin(v.File, 'File'),
  }),
}

export const fileSdIConMetadati: Codec<FileSdIConMetadati> = {
  decode: (p, att) => ({
    ...fileSdI.decode(p, att),
    NomeFileMetadati: nomeFile(p.NomeFileMetadati, 'NomeFileMetadati'),
    Metadati: binary(p.Metadati, att, 'Metadati'),
  }),
  encode: (v, bin) => ({
    ...fileSdI.encode(v, bin),
    NomeFileMetadati: nomeFile(v.NomeFileMetadati, 'NomeFileMetadati'),
    Metadati: bin(v.Metadati, 'Metadati'),
  }),
}

export const rispostaSdIRiceviFile: Codec<RiceviFileResponse> = {
  decode: (p) => ({
    IdentificativoSdI: identificativoSdI(p.IdentificativoSdI),
    DataOraRicezione: dateTime(p.DataOraRicezione, 'DataOraRicezione'),
    ...(p.Errore === undefined ? {} : { Errore: code(p.Errore, 'Errore', isErroreInvio) }),
  }),
  encode: (v) => ({
    IdentificativoSdI: identificativoSdI(v.IdentificativoSdI),
    DataOraRicezione: dateTime(v.DataOraRicezione, 'DataOraRicezione'),
    ...(v.Errore === undefined ? {} : { Errore: code(v.Errore, 'Errore', isErroreInvio) }),
  }),
}

export const rispostaSdINotificaEsito: Codec<NotificaEsitoResponse> = {
  decode: (p, att) => ({
    Esito: code(p.Esito, 'Esito', isEsitoNotifica),
    ...(p.ScartoEsito === undefined
      ? {}
      : { ScartoEsito: fileSdIBase.decode(asRecord(p.ScartoEsito, 'ScartoEsito'), att) }),
  }),
  encode: (v, bin) => ({
    Esito: code(v.Esito, 'Esito', isEsitoNotifica),
    ...(v.ScartoEsito === undefined ? {} : { ScartoEsito: fileSdIBase.encode(v.ScartoEsito, bin) }),
  }),
}

export const rispostaRiceviFatture: Codec<RiceviFattureResponse> = {
  decode: (p) => ({ Esito: code(p.Esito, 'Esito', isEsitoRicezione) }),
  encode: (v) => ({ Esito: code(v.Esito, 'Esito', isEsitoRicezione) }),
}
