import Type, { type Static } from 'typebox'
import { xmlSequence } from './annotations.ts'
import { tipoScontoMaggiorazione } from './code-lists.ts'
import {
  amount8Decimal,
  cap,
  codEORI,
  codice,
  codiceFiscale,
  emailContatti,
  nazione,
  numeroCivico,
  provincia,
  rate,
  string60Latin,
  string80Latin,
  telFax,
  titolo,
} from './simple-types.ts'

/** IdFiscaleType: a VAT identifier, country code + number. */
export const IdFiscale = xmlSequence({ IdPaese: nazione, IdCodice: codice })
export type IdFiscale = Static<typeof IdFiscale>

/**
 * AnagraficaType: an xs:choice between a company name (Denominazione) and a person's Nome + Cognome, followed by the
 * optional Titolo and CodEORI. Modelled as a union of two closed sequences: the codec reads the choice back from the
 * members (shared leading and trailing properties, different middle).
 */
export const Anagrafica = Type.Union([
  xmlSequence({ Denominazione: string80Latin, Titolo: Type.Optional(titolo), CodEORI: Type.Optional(codEORI) }),
  xmlSequence({
    Nome: string60Latin,
    Cognome: string60Latin,
    Titolo: Type.Optional(titolo),
    CodEORI: Type.Optional(codEORI),
  }),
])
export type Anagrafica = Static<typeof Anagrafica>

/** IndirizzoType: Nazione has the XSD element default "IT", which applies when the element is present but empty. */
export const Indirizzo = xmlSequence({
  Indirizzo: string60Latin,
  NumeroCivico: Type.Optional(numeroCivico),
  CAP: cap,
  Comune: string60Latin,
  Provincia: Type.Optional(provincia),
  Nazione: Type.With(nazione, { default: 'IT' }),
})
export type Indirizzo = Static<typeof Indirizzo>

/** ContattiType. */
export const Contatti = xmlSequence({
  Telefono: Type.Optional(telFax),
  Fax: Type.Optional(telFax),
  Email: Type.Optional(emailContatti),
})
export type Contatti = Static<typeof Contatti>

/** The DatiAnagrafici shape shared by the fiscal representative and the third party (IdFiscaleIVA optional or not). */
export const DatiAnagraficiRappresentante = xmlSequence({
  IdFiscaleIVA: IdFiscale,
  CodiceFiscale: Type.Optional(codiceFiscale),
  Anagrafica,
})
export type DatiAnagraficiRappresentante = Static<typeof DatiAnagraficiRappresentante>

/** DatiAnagraficiCessionarioType and DatiAnagraficiTerzoIntermediarioType (same content: IdFiscaleIVA optional). */
export const DatiAnagraficiSoggetto = xmlSequence({
  IdFiscaleIVA: Type.Optional(IdFiscale),
  CodiceFiscale: Type.Optional(codiceFiscale),
  Anagrafica,
})
export type DatiAnagraficiSoggetto = Static<typeof DatiAnagraficiSoggetto>

/** ScontoMaggiorazioneType: a discount (SC) or surcharge (MG), by percentage and/or amount. */
export const ScontoMaggiorazione = xmlSequence({
  Tipo: tipoScontoMaggiorazione,
  Percentuale: Type.Optional(rate),
  Importo: Type.Optional(amount8Decimal),
})
export type ScontoMaggiorazione = Static<typeof ScontoMaggiorazione>
