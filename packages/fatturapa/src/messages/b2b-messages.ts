import Type, { type Static } from 'typebox'
import { xmlSequence } from '../model/annotations.ts'
import { DsSignature } from '../model/fattura.ts'
import { codiceDestinatario, date, dateTime } from '../model/simple-types.ts'
import {
  b2bCodiceErrore,
  b2bDescrizione,
  b2bIdentificativoSdI,
  b2bMessageId,
  fixedSi,
  formato,
  nomeFile,
  suggerimento,
  versione,
  xsdInteger,
  xsdString,
} from './message-types.ts'

/*
 * MessaggiFatturaTypes v1.0: the messages of the FPR12 (B2B/B2C) flows. Compared with MessaggiTypes they add Hash
 * (of the invoice file), Suggerimento on errors and DataMessaADisposizione, and have longer ids. Same conventions as
 * pa-recipient-messages.ts. The schema also declares RiferimentoFattura_Type, but no element uses it.
 */

/** Destinatario_Type: here the description is optional. */
export const B2bDestinatario = xmlSequence({ Codice: codiceDestinatario, Descrizione: Type.Optional(xsdString) })
export type B2bDestinatario = Static<typeof B2bDestinatario>

/** RiferimentoArchivio_Type: the zip archive the invoice file came in. */
export const B2bRiferimentoArchivio = xmlSequence({ IdentificativoSdI: b2bIdentificativoSdI, NomeFile: nomeFile })
export type B2bRiferimentoArchivio = Static<typeof B2bRiferimentoArchivio>

/** Errore_Type: code, description and a (required, possibly empty) suggestion on how to fix the file. */
export const B2bErrore = xmlSequence({
  Codice: b2bCodiceErrore,
  Descrizione: b2bDescrizione,
  Suggerimento: suggerimento,
})
export type B2bErrore = Static<typeof B2bErrore>

/** ListaErrori_Type: 1..200 errors. */
export const B2bListaErrori = xmlSequence({ Errore: Type.Array(B2bErrore, { minItems: 1, maxItems: 200 }) })
export type B2bListaErrori = Static<typeof B2bListaErrori>

/** RicevutaConsegna (RC): the invoice was delivered. FlussoSemplificato="Si" marks the simplified flow. */
export const B2bRicevutaConsegna = xmlSequence({
  versione,
  FlussoSemplificato: fixedSi,
  IdentificativoSdI: b2bIdentificativoSdI,
  NomeFile: nomeFile,
  Hash: xsdString,
  DataOraRicezione: dateTime,
  DataOraConsegna: dateTime,
  Destinatario: B2bDestinatario,
  RiferimentoArchivio: Type.Optional(B2bRiferimentoArchivio),
  MessageId: b2bMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type B2bRicevutaConsegna = Static<typeof B2bRicevutaConsegna>

/** RicevutaScarto (kind NS): SdI rejected the file. */
export const B2bRicevutaScarto = xmlSequence({
  versione,
  IdentificativoSdI: b2bIdentificativoSdI,
  NomeFile: nomeFile,
  Hash: xsdString,
  DataOraRicezione: dateTime,
  RiferimentoArchivio: Type.Optional(B2bRiferimentoArchivio),
  ListaErrori: B2bListaErrori,
  MessageId: b2bMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type B2bRicevutaScarto = Static<typeof B2bRicevutaScarto>

/**
 * RicevutaImpossibilitaRecapito (kind MC): the invoice could not be delivered and was put at the recipient's disposal
 * in its reserved area on DataMessaADisposizione; for B2B it counts as issued.
 */
export const B2bRicevutaImpossibilitaRecapito = xmlSequence({
  versione,
  IdentificativoSdI: b2bIdentificativoSdI,
  NomeFile: nomeFile,
  Hash: xsdString,
  DataOraRicezione: dateTime,
  DataMessaADisposizione: date,
  RiferimentoArchivio: Type.Optional(B2bRiferimentoArchivio),
  Descrizione: Type.Optional(b2bDescrizione),
  MessageId: b2bMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type B2bRicevutaImpossibilitaRecapito = Static<typeof B2bRicevutaImpossibilitaRecapito>

/** FileMetadati (kind MT): sent with an invoice to its recipient; never signed. */
export const B2bFileMetadati = xmlSequence({
  versione,
  IdentificativoSdI: b2bIdentificativoSdI,
  NomeFile: nomeFile,
  Hash: xsdString,
  CodiceDestinatario: codiceDestinatario,
  Formato: formato,
  TentativiInvio: xsdInteger,
  MessageId: b2bMessageId,
  Note: Type.Optional(xsdString),
})
export type B2bFileMetadati = Static<typeof B2bFileMetadati>
