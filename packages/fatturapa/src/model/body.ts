import Type, { type Static } from 'typebox'
import { repeated, xmlSequence } from './annotations.ts'
import { DatiGenerali } from './body-dati-generali.ts'
import {
  condizioniPagamento,
  esigibilitaIVA,
  modalitaPagamento,
  natura,
  si,
  tipoCessionePrestazione,
} from './code-lists.ts'
import { ScontoMaggiorazione } from './common.ts'
import {
  abi,
  amount2Decimal,
  amount8Decimal,
  base64Binary,
  bic,
  cab,
  codiceFiscalePF,
  date,
  giorniTerminePagamento,
  iban,
  numeroLinea,
  quantita,
  rate,
  string10,
  string15,
  string20,
  string35,
  string35LatinExt,
  string60,
  string60Latin,
  string80Latin,
  string100Latin,
  string200Latin,
  string1000Latin,
  titolo,
} from './simple-types.ts'

/** CodiceArticoloType: an article code and the coding scheme it belongs to. */
export const CodiceArticolo = xmlSequence({ CodiceTipo: string35, CodiceValore: string35LatinExt })
export type CodiceArticolo = Static<typeof CodiceArticolo>

/** AltriDatiGestionaliType: free-form management data on a line. */
export const AltriDatiGestionali = xmlSequence({
  TipoDato: string10,
  RiferimentoTesto: Type.Optional(string60Latin),
  RiferimentoNumero: Type.Optional(amount8Decimal),
  RiferimentoData: Type.Optional(date),
})
export type AltriDatiGestionali = Static<typeof AltriDatiGestionali>

/** 2.2.1 DettaglioLineeType: one invoice line. */
export const DettaglioLinee = xmlSequence({
  NumeroLinea: numeroLinea,
  TipoCessionePrestazione: Type.Optional(tipoCessionePrestazione),
  CodiceArticolo: Type.Optional(repeated(CodiceArticolo)),
  Descrizione: string1000Latin,
  Quantita: Type.Optional(quantita),
  UnitaMisura: Type.Optional(string10),
  DataInizioPeriodo: Type.Optional(date),
  DataFinePeriodo: Type.Optional(date),
  PrezzoUnitario: amount8Decimal,
  ScontoMaggiorazione: Type.Optional(repeated(ScontoMaggiorazione)),
  PrezzoTotale: amount8Decimal,
  AliquotaIVA: rate,
  Ritenuta: Type.Optional(si),
  Natura: Type.Optional(natura),
  RiferimentoAmministrazione: Type.Optional(string20),
  AltriDatiGestionali: Type.Optional(repeated(AltriDatiGestionali)),
})
export type DettaglioLinee = Static<typeof DettaglioLinee>

/** 2.2.2 DatiRiepilogoType: the VAT summary for one rate or Natura. */
export const DatiRiepilogo = xmlSequence({
  AliquotaIVA: rate,
  Natura: Type.Optional(natura),
  SpeseAccessorie: Type.Optional(amount2Decimal),
  Arrotondamento: Type.Optional(amount8Decimal),
  ImponibileImporto: amount2Decimal,
  Imposta: amount2Decimal,
  EsigibilitaIVA: Type.Optional(esigibilitaIVA),
  RiferimentoNormativo: Type.Optional(string100Latin),
})
export type DatiRiepilogo = Static<typeof DatiRiepilogo>

/** 2.2 DatiBeniServiziType. */
export const DatiBeniServizi = xmlSequence({
  DettaglioLinee: repeated(DettaglioLinee),
  DatiRiepilogo: repeated(DatiRiepilogo),
})
export type DatiBeniServizi = Static<typeof DatiBeniServizi>

/** 2.3 DatiVeicoliType: new means of transport sold intra-EU. */
export const DatiVeicoli = xmlSequence({ Data: date, TotalePercorso: string15 })
export type DatiVeicoli = Static<typeof DatiVeicoli>

/** 2.4.2 DettaglioPagamentoType: one payment (instalment). */
export const DettaglioPagamento = xmlSequence({
  Beneficiario: Type.Optional(string200Latin),
  ModalitaPagamento: modalitaPagamento,
  DataRiferimentoTerminiPagamento: Type.Optional(date),
  GiorniTerminiPagamento: Type.Optional(giorniTerminePagamento),
  DataScadenzaPagamento: Type.Optional(date),
  ImportoPagamento: amount2Decimal,
  CodUfficioPostale: Type.Optional(string20),
  CognomeQuietanzante: Type.Optional(string60Latin),
  NomeQuietanzante: Type.Optional(string60Latin),
  CFQuietanzante: Type.Optional(codiceFiscalePF),
  TitoloQuietanzante: Type.Optional(titolo),
  IstitutoFinanziario: Type.Optional(string80Latin),
  IBAN: Type.Optional(iban),
  ABI: Type.Optional(abi),
  CAB: Type.Optional(cab),
  BIC: Type.Optional(bic),
  ScontoPagamentoAnticipato: Type.Optional(amount2Decimal),
  DataLimitePagamentoAnticipato: Type.Optional(date),
  PenalitaPagamentiRitardati: Type.Optional(amount2Decimal),
  DataDecorrenzaPenale: Type.Optional(date),
  CodicePagamento: Type.Optional(string60),
})
export type DettaglioPagamento = Static<typeof DettaglioPagamento>

/** 2.4 DatiPagamentoType. */
export const DatiPagamento = xmlSequence({
  CondizioniPagamento: condizioniPagamento,
  DettaglioPagamento: repeated(DettaglioPagamento),
})
export type DatiPagamento = Static<typeof DatiPagamento>

/** 2.5 AllegatiType: an attachment; Attachment holds base64 without blanks. */
export const Allegati = xmlSequence({
  NomeAttachment: string60Latin,
  AlgoritmoCompressione: Type.Optional(string10),
  FormatoAttachment: Type.Optional(string10),
  DescrizioneAttachment: Type.Optional(string100Latin),
  Attachment: base64Binary,
})
export type Allegati = Static<typeof Allegati>

/** FatturaElettronicaBodyType: one invoice of the file (a file with several bodies is a "lotto"). */
export const FatturaElettronicaBody = xmlSequence({
  DatiGenerali,
  DatiBeniServizi,
  DatiVeicoli: Type.Optional(DatiVeicoli),
  DatiPagamento: Type.Optional(repeated(DatiPagamento)),
  Allegati: Type.Optional(repeated(Allegati)),
})
export type FatturaElettronicaBody = Static<typeof FatturaElettronicaBody>
