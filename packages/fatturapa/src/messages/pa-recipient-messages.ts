import Type, { type Static } from 'typebox'
import { xmlSequence } from '../model/annotations.ts'
import { DsSignature } from '../model/fattura.ts'
import { codiceDestinatario } from '../model/simple-types.ts'
import {
  esitoCommittente,
  fixedSi,
  formato,
  nomeFile,
  paDescrizione,
  paIdentificativoSdI,
  paMessageId,
  RiferimentoFattura,
  scartoEsito,
  versione,
  xsdInteger,
  xsdString,
} from './message-types.ts'

/*
 * MessaggiTypes v1.1, the messages for recipients (MT, EC, SE) and the one common to both sides (DT). Attributes come
 * first, then the elements in schema order. ds:Signature is optional in every model: the codec must also carry the
 * unsigned message that is signed afterwards. parseSdiMessage requires it where the XSD does (see message-roots.ts).
 */

/** MetadatiInvioFile (MT): sent with an invoice to its recipient; never signed. */
export const PaMetadatiInvioFile = xmlSequence({
  versione,
  IdentificativoSdI: paIdentificativoSdI,
  NomeFile: nomeFile,
  CodiceDestinatario: codiceDestinatario,
  Formato: formato,
  TentativiInvio: xsdInteger,
  MessageId: paMessageId,
  Note: Type.Optional(xsdString),
})
export type PaMetadatiInvioFile = Static<typeof PaMetadatiInvioFile>

/**
 * NotificaEsitoCommittente (EC): the recipient's outcome, EC01 accept or EC02 refuse, sent to SdI; the XSD makes its
 * signature optional. Also the type of NotificaEsito's EsitoCommittente, where SdI relays it to the transmitter.
 */
export const PaNotificaEsitoCommittente = xmlSequence({
  versione,
  IdentificativoSdI: paIdentificativoSdI,
  RiferimentoFattura: Type.Optional(RiferimentoFattura),
  Esito: esitoCommittente,
  Descrizione: Type.Optional(paDescrizione),
  MessageIdCommittente: Type.Optional(paMessageId),
  Signature: Type.Optional(DsSignature),
})
export type PaNotificaEsitoCommittente = Static<typeof PaNotificaEsitoCommittente>

/** ScartoEsitoCommittente (SE): SdI refuses an EC (EN00 not conforming, EN01 not admissible). */
export const PaScartoEsitoCommittente = xmlSequence({
  versione,
  IdentificativoSdI: paIdentificativoSdI,
  RiferimentoFattura: Type.Optional(RiferimentoFattura),
  Scarto: scartoEsito,
  MessageId: paMessageId,
  MessageIdCommittente: Type.Optional(paMessageId),
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type PaScartoEsitoCommittente = Static<typeof PaScartoEsitoCommittente>

/** NotificaDecorrenzaTermini (DT): the recipient did not answer within 15 days; sent to both sides. */
export const PaNotificaDecorrenzaTermini = xmlSequence({
  versione,
  IntermediarioConDupliceRuolo: fixedSi,
  IdentificativoSdI: paIdentificativoSdI,
  RiferimentoFattura: Type.Optional(RiferimentoFattura),
  NomeFile: nomeFile,
  Descrizione: Type.Optional(paDescrizione),
  MessageId: paMessageId,
  PecMessageId: Type.Optional(xsdString),
  Note: Type.Optional(xsdString),
  Signature: Type.Optional(DsSignature),
})
export type PaNotificaDecorrenzaTermini = Static<typeof PaNotificaDecorrenzaTermini>
