import Type, { type Static } from 'typebox'
import { xmlSequence } from '../model/annotations.ts'
import { DsSignature } from '../model/fattura.ts'
import { codiceDestinatario, dateTime } from '../model/simple-types.ts'
import {
  fixedSi,
  nomeFile,
  paCodiceErrore,
  paDescrizione,
  paIdentificativoSdI,
  paMessageId,
  versione,
  xsdString,
} from './message-types.ts'
import { PaNotificaEsitoCommittente } from './pa-recipient-messages.ts'

/*
 * MessaggiTypes v1.1, the messages SdI sends to the transmitter of an FPA12 invoice (RC, NS, MC, NE, AT). Same
 * conventions as pa-recipient-messages.ts.
 */

/** Destinatario_Type: the recipient's routing code (IPA office code) and name. */
export const PaDestinatario = xmlSequence({ Codice: codiceDestinatario, Descrizione: xsdString })
export type PaDestinatario = Static<typeof PaDestinatario>

/** RiferimentoArchivio_Type: the zip archive the invoice file came in. */
export const PaRiferimentoArchivio = xmlSequence({ IdentificativoSdI: paIdentificativoSdI, NomeFile: nomeFile })
export type PaRiferimentoArchivio = Static<typeof PaRiferimentoArchivio>

/** Errore_Type: one reason for an NS (SdI error code such as 00200, and its description). */
export const PaErrore = xmlSequence({ Codice: paCodiceErrore, Descrizione: paDescrizione })
export type PaErrore = Static<typeof PaErrore>

/** ListaErrori_Type: 1..200 errors. */
export const PaListaErrori = xmlSequence({ Errore: Type.Array(PaErrore, { minItems: 1, maxItems: 200 }) })
export type PaListaErrori = Static<typeof PaListaErrori>

/** RicevutaConsegna (RC): the invoice was delivered to the recipient. */
export const PaRicevutaConsegna = xmlSequence({
  versione,
  IntermediarioConDupliceRuolo: fixedSi,
  IdentificativoSdI: paIdentificativoSdI,
  NomeFile: nomeFile,
  DataOraRicezione: dateTime,
  DataOraConsegna: dateTime,
  Destinatario: PaDestinatario,
  RiferimentoArchivio: Type.Optional(PaRiferimentoArchivio),
  MessageId: paMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type PaRicevutaConsegna = Static<typeof PaRicevutaConsegna>

/** NotificaScarto (NS): SdI rejected the file. */
export const PaNotificaScarto = xmlSequence({
  versione,
  IdentificativoSdI: paIdentificativoSdI,
  NomeFile: nomeFile,
  DataOraRicezione: dateTime,
  RiferimentoArchivio: Type.Optional(PaRiferimentoArchivio),
  ListaErrori: PaListaErrori,
  MessageId: paMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type PaNotificaScarto = Static<typeof PaNotificaScarto>

/** NotificaMancataConsegna (MC): the invoice could not be delivered yet; SdI keeps trying. */
export const PaNotificaMancataConsegna = xmlSequence({
  versione,
  IdentificativoSdI: paIdentificativoSdI,
  NomeFile: nomeFile,
  DataOraRicezione: dateTime,
  RiferimentoArchivio: Type.Optional(PaRiferimentoArchivio),
  Descrizione: Type.Optional(paDescrizione),
  MessageId: paMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type PaNotificaMancataConsegna = Static<typeof PaNotificaMancataConsegna>

/** NotificaEsito (NE): relays the recipient's EC (accepted or refused) to the transmitter. */
export const PaNotificaEsito = xmlSequence({
  versione,
  IntermediarioConDupliceRuolo: fixedSi,
  IdentificativoSdI: paIdentificativoSdI,
  NomeFile: nomeFile,
  EsitoCommittente: PaNotificaEsitoCommittente,
  MessageId: paMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type PaNotificaEsito = Static<typeof PaNotificaEsito>

/**
 * AttestazioneTrasmissioneFattura (AT): delivery stayed impossible; SdI attests the transmission, and the supplier
 * delivers the invoice by other means. HashFileOriginale is the SHA-256 (hex) of the transmitted file.
 */
export const PaAttestazioneTrasmissioneFattura = xmlSequence({
  versione,
  IdentificativoSdI: paIdentificativoSdI,
  NomeFile: nomeFile,
  DataOraRicezione: dateTime,
  RiferimentoArchivio: Type.Optional(PaRiferimentoArchivio),
  Destinatario: PaDestinatario,
  MessageId: paMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  HashFileOriginale: xsdString,
  Signature: Type.Optional(DsSignature),
})
export type PaAttestazioneTrasmissioneFattura = Static<typeof PaAttestazioneTrasmissioneFattura>
