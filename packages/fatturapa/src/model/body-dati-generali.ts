import Type, { type Static } from 'typebox'
import { repeated, xmlSequence } from './annotations.ts'
import { causalePagamento, natura, si, tipoCassa, tipoDocumento, tipoRitenuta } from './code-lists.ts'
import { Anagrafica, IdFiscale, Indirizzo, ScontoMaggiorazione } from './common.ts'
import {
  amount2Decimal,
  codiceFiscale,
  dataFattura,
  date,
  dateTime,
  divisa,
  numeroColli,
  peso,
  rate,
  riferimentoFase,
  riferimentoNumeroLinea,
  string10,
  string15,
  string20,
  string80Latin,
  string100Latin,
  string200Latin,
  tipoResa,
} from './simple-types.ts'

/** DatiRitenutaType: a withholding tax. */
export const DatiRitenuta = xmlSequence({
  TipoRitenuta: tipoRitenuta,
  ImportoRitenuta: amount2Decimal,
  AliquotaRitenuta: rate,
  CausalePagamento: causalePagamento,
})
export type DatiRitenuta = Static<typeof DatiRitenuta>

/** DatiBolloType: virtual stamp duty. */
export const DatiBollo = xmlSequence({ BolloVirtuale: si, ImportoBollo: Type.Optional(amount2Decimal) })
export type DatiBollo = Static<typeof DatiBollo>

/** DatiCassaPrevidenzialeType: a professional pension fund contribution. */
export const DatiCassaPrevidenziale = xmlSequence({
  TipoCassa: tipoCassa,
  AlCassa: rate,
  ImportoContributoCassa: amount2Decimal,
  ImponibileCassa: Type.Optional(amount2Decimal),
  AliquotaIVA: rate,
  Ritenuta: Type.Optional(si),
  Natura: Type.Optional(natura),
  RiferimentoAmministrazione: Type.Optional(string20),
})
export type DatiCassaPrevidenziale = Static<typeof DatiCassaPrevidenziale>

/** 2.1.1 DatiGeneraliDocumentoType. */
export const DatiGeneraliDocumento = xmlSequence({
  TipoDocumento: tipoDocumento,
  Divisa: divisa,
  Data: dataFattura,
  Numero: string20,
  DatiRitenuta: Type.Optional(repeated(DatiRitenuta)),
  DatiBollo: Type.Optional(DatiBollo),
  DatiCassaPrevidenziale: Type.Optional(repeated(DatiCassaPrevidenziale)),
  ScontoMaggiorazione: Type.Optional(repeated(ScontoMaggiorazione)),
  ImportoTotaleDocumento: Type.Optional(amount2Decimal),
  Arrotondamento: Type.Optional(amount2Decimal),
  Causale: Type.Optional(repeated(string200Latin)),
  Art73: Type.Optional(si),
})
export type DatiGeneraliDocumento = Static<typeof DatiGeneraliDocumento>

/**
 * DatiDocumentiCorrelatiType: a related document (purchase order, contract, agreement, receipt, linked invoice),
 * optionally bound to invoice lines.
 */
export const DatiDocumentiCorrelati = xmlSequence({
  RiferimentoNumeroLinea: Type.Optional(repeated(riferimentoNumeroLinea)),
  IdDocumento: string20,
  Data: Type.Optional(date),
  NumItem: Type.Optional(string20),
  CodiceCommessaConvenzione: Type.Optional(string100Latin),
  CodiceCUP: Type.Optional(string15),
  CodiceCIG: Type.Optional(string15),
})
export type DatiDocumentiCorrelati = Static<typeof DatiDocumentiCorrelati>

/** DatiSALType: work progress phase. */
export const DatiSAL = xmlSequence({ RiferimentoFase: riferimentoFase })
export type DatiSAL = Static<typeof DatiSAL>

/** DatiDDTType: a transport document. */
export const DatiDDT = xmlSequence({
  NumeroDDT: string20,
  DataDDT: date,
  RiferimentoNumeroLinea: Type.Optional(repeated(riferimentoNumeroLinea)),
})
export type DatiDDT = Static<typeof DatiDDT>

/** DatiAnagraficiVettoreType: the carrier. */
export const DatiAnagraficiVettore = xmlSequence({
  IdFiscaleIVA: IdFiscale,
  CodiceFiscale: Type.Optional(codiceFiscale),
  Anagrafica,
  NumeroLicenzaGuida: Type.Optional(string20),
})

/** DatiTrasportoType: transport of goods (accompanying invoice). */
export const DatiTrasporto = xmlSequence({
  DatiAnagraficiVettore: Type.Optional(DatiAnagraficiVettore),
  MezzoTrasporto: Type.Optional(string80Latin),
  CausaleTrasporto: Type.Optional(string100Latin),
  NumeroColli: Type.Optional(numeroColli),
  Descrizione: Type.Optional(string100Latin),
  UnitaMisuraPeso: Type.Optional(string10),
  PesoLordo: Type.Optional(peso),
  PesoNetto: Type.Optional(peso),
  DataOraRitiro: Type.Optional(dateTime),
  DataInizioTrasporto: Type.Optional(date),
  TipoResa: Type.Optional(tipoResa),
  IndirizzoResa: Type.Optional(Indirizzo),
  DataOraConsegna: Type.Optional(dateTime),
})
export type DatiTrasporto = Static<typeof DatiTrasporto>

/** FatturaPrincipaleType: the main invoice an accessory invoice refers to. */
export const FatturaPrincipale = xmlSequence({ NumeroFatturaPrincipale: string20, DataFatturaPrincipale: date })
export type FatturaPrincipale = Static<typeof FatturaPrincipale>

/** 2.1 DatiGeneraliType. */
export const DatiGenerali = xmlSequence({
  DatiGeneraliDocumento,
  DatiOrdineAcquisto: Type.Optional(repeated(DatiDocumentiCorrelati)),
  DatiContratto: Type.Optional(repeated(DatiDocumentiCorrelati)),
  DatiConvenzione: Type.Optional(repeated(DatiDocumentiCorrelati)),
  DatiRicezione: Type.Optional(repeated(DatiDocumentiCorrelati)),
  DatiFattureCollegate: Type.Optional(repeated(DatiDocumentiCorrelati)),
  DatiSAL: Type.Optional(repeated(DatiSAL)),
  DatiDDT: Type.Optional(repeated(DatiDDT)),
  DatiTrasporto: Type.Optional(DatiTrasporto),
  FatturaPrincipale: Type.Optional(FatturaPrincipale),
})
export type DatiGenerali = Static<typeof DatiGenerali>
