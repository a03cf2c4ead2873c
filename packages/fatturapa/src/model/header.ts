import Type, { type Static } from 'typebox'
import { xmlSequence } from './annotations.ts'
import { formatoTrasmissione, regimeFiscale, socioUnico, soggettoEmittente, statoLiquidazione } from './code-lists.ts'
import {
  Anagrafica,
  Contatti,
  DatiAnagraficiRappresentante,
  DatiAnagraficiSoggetto,
  IdFiscale,
  Indirizzo,
} from './common.ts'
import {
  amount2Decimal,
  codiceDestinatario,
  codiceFiscale,
  date,
  email,
  emailContatti,
  provincia,
  string10,
  string20,
  string60,
  string60Latin,
  string80Latin,
  telFax,
} from './simple-types.ts'

/** ContattiTrasmittenteType. */
export const ContattiTrasmittente = xmlSequence({
  Telefono: Type.Optional(telFax),
  Email: Type.Optional(emailContatti),
})

/** 1.1 DatiTrasmissioneType: who transmits, the file's progressive number, and the routing to the recipient. */
export const DatiTrasmissione = xmlSequence({
  IdTrasmittente: IdFiscale,
  ProgressivoInvio: string10,
  FormatoTrasmissione: formatoTrasmissione,
  CodiceDestinatario: codiceDestinatario,
  ContattiTrasmittente: Type.Optional(ContattiTrasmittente),
  PECDestinatario: Type.Optional(email),
})
export type DatiTrasmissione = Static<typeof DatiTrasmissione>

/** DatiAnagraficiCedenteType. */
export const DatiAnagraficiCedente = xmlSequence({
  IdFiscaleIVA: IdFiscale,
  CodiceFiscale: Type.Optional(codiceFiscale),
  Anagrafica,
  AlboProfessionale: Type.Optional(string60Latin),
  ProvinciaAlbo: Type.Optional(provincia),
  NumeroIscrizioneAlbo: Type.Optional(string60),
  DataIscrizioneAlbo: Type.Optional(date),
  RegimeFiscale: regimeFiscale,
})

/** IscrizioneREAType: registration in the companies register. */
export const IscrizioneREA = xmlSequence({
  Ufficio: provincia,
  NumeroREA: string20,
  CapitaleSociale: Type.Optional(amount2Decimal),
  SocioUnico: Type.Optional(socioUnico),
  StatoLiquidazione: statoLiquidazione,
})

/** 1.2 CedentePrestatoreType: the seller. */
export const CedentePrestatore = xmlSequence({
  DatiAnagrafici: DatiAnagraficiCedente,
  Sede: Indirizzo,
  StabileOrganizzazione: Type.Optional(Indirizzo),
  IscrizioneREA: Type.Optional(IscrizioneREA),
  Contatti: Type.Optional(Contatti),
  RiferimentoAmministrazione: Type.Optional(string20),
})
export type CedentePrestatore = Static<typeof CedentePrestatore>

/** 1.3 RappresentanteFiscaleType: the seller's fiscal representative. */
export const RappresentanteFiscale = xmlSequence({ DatiAnagrafici: DatiAnagraficiRappresentante })
export type RappresentanteFiscale = Static<typeof RappresentanteFiscale>

/** RappresentanteFiscaleCessionarioType: IdFiscaleIVA, then a choice of Denominazione or Nome + Cognome. */
export const RappresentanteFiscaleCessionario = Type.Union([
  xmlSequence({ IdFiscaleIVA: IdFiscale, Denominazione: string80Latin }),
  xmlSequence({ IdFiscaleIVA: IdFiscale, Nome: string60Latin, Cognome: string60Latin }),
])
export type RappresentanteFiscaleCessionario = Static<typeof RappresentanteFiscaleCessionario>

/** 1.4 CessionarioCommittenteType: the buyer, with its permanent establishment and fiscal representative if any. */
export const CessionarioCommittente = xmlSequence({
  DatiAnagrafici: DatiAnagraficiSoggetto,
  Sede: Indirizzo,
  StabileOrganizzazione: Type.Optional(Indirizzo),
  RappresentanteFiscale: Type.Optional(RappresentanteFiscaleCessionario),
})
export type CessionarioCommittente = Static<typeof CessionarioCommittente>

/** 1.5 TerzoIntermediarioSoggettoEmittenteType: the third party issuing on the seller's behalf. */
export const TerzoIntermediarioOSoggettoEmittente = xmlSequence({ DatiAnagrafici: DatiAnagraficiSoggetto })
export type TerzoIntermediarioOSoggettoEmittente = Static<typeof TerzoIntermediarioOSoggettoEmittente>

/** FatturaElettronicaHeaderType. */
export const FatturaElettronicaHeader = xmlSequence({
  DatiTrasmissione,
  CedentePrestatore,
  RappresentanteFiscale: Type.Optional(RappresentanteFiscale),
  CessionarioCommittente,
  TerzoIntermediarioOSoggettoEmittente: Type.Optional(TerzoIntermediarioOSoggettoEmittente),
  /** 1.6 SoggettoEmittente: CC when the buyer issued the invoice, TZ when a third party did. */
  SoggettoEmittente: Type.Optional(soggettoEmittente),
})
export type FatturaElettronicaHeader = Static<typeof FatturaElettronicaHeader>
