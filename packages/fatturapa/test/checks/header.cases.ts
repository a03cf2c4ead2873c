import {
  BUYER,
  BUYER_CF,
  BUYER_VAT,
  SELLER,
  SELLER_VAT,
  TRASMISSIONE,
  buyer,
  codiceFiscale,
  partitaIva,
  seller,
  trasmissione,
} from './builder.ts'
import type { RuleCase } from './case.ts'

/* Identifiers, routing and parties (1.1 to 1.4). */

export const headerCases: readonly RuleCase[] = [
  // 00300: transmitter's codice fiscale (IdPaese IT)
  {
    code: '00300',
    name: 'personal code with a wrong check letter',
    edit: (f) => {
      trasmissione(f).IdTrasmittente.IdCodice = 'RSSMRA80A01H501A'
    },
    fails: [`${TRASMISSIONE}.IdTrasmittente.IdCodice`],
  },
  {
    code: '00300',
    name: 'numeric code with a wrong check digit (the samples’ 01234567890)',
    edit: (f) => {
      trasmissione(f).IdTrasmittente.IdCodice = '01234567890'
    },
    fails: [`${TRASMISSIONE}.IdTrasmittente.IdCodice`],
  },
  {
    code: '00300',
    name: 'a VAT number as an 11-digit codice fiscale',
    edit: (f) => {
      trasmissione(f).IdTrasmittente.IdCodice = SELLER_VAT
    },
    fails: [],
  },
  {
    code: '00300',
    name: 'a foreign transmitter is not checked',
    edit: (f) => {
      trasmissione(f).IdTrasmittente = { IdPaese: 'DE', IdCodice: 'DE0000' }
    },
    fails: [],
  },
  // 00301: seller's partita IVA
  {
    code: '00301',
    name: 'wrong check digit',
    edit: (f) => {
      seller(f).IdFiscaleIVA.IdCodice = '01234567890'
    },
    fails: [`${SELLER}.IdFiscaleIVA.IdCodice`],
  },
  {
    code: '00301',
    name: 'a codice fiscale where the VAT number goes',
    edit: (f) => {
      seller(f).IdFiscaleIVA.IdCodice = BUYER_CF
    },
    fails: [`${SELLER}.IdFiscaleIVA.IdCodice`],
  },
  {
    code: '00301',
    name: 'a foreign seller is not checked',
    edit: (f) => {
      seller(f).IdFiscaleIVA = { IdPaese: 'FR', IdCodice: '12345' }
    },
    fails: [],
  },
  // 00303: the fiscal representatives' partita IVA
  {
    code: '00303',
    name: 'seller’s representative with a wrong check digit',
    edit: (f) => {
      f.FatturaElettronicaHeader.RappresentanteFiscale = {
        DatiAnagrafici: {
          IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '09876543210' },
          Anagrafica: { Denominazione: 'R' },
        },
      }
    },
    fails: ['FatturaElettronicaHeader.RappresentanteFiscale.DatiAnagrafici.IdFiscaleIVA.IdCodice'],
  },
  {
    code: '00303',
    name: 'buyer’s representative with a wrong check digit',
    edit: (f) => {
      f.FatturaElettronicaHeader.CessionarioCommittente.RappresentanteFiscale = {
        IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '11223344556' },
        Denominazione: 'GAMMA SPA',
      }
    },
    fails: ['FatturaElettronicaHeader.CessionarioCommittente.RappresentanteFiscale.IdFiscaleIVA.IdCodice'],
  },
  {
    code: '00303',
    name: 'valid and foreign representatives pass',
    edit: (f) => {
      f.FatturaElettronicaHeader.RappresentanteFiscale = {
        DatiAnagrafici: { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: SELLER_VAT }, Anagrafica: { Denominazione: 'R' } },
      }
      f.FatturaElettronicaHeader.CessionarioCommittente.RappresentanteFiscale = {
        IdFiscaleIVA: { IdPaese: 'FR', IdCodice: '12345' },
        Denominazione: 'GAMMA SARL',
      }
    },
    fails: [],
  },
  // 00305: buyer's partita IVA
  {
    code: '00305',
    name: 'all zeros',
    edit: (f) => {
      buyer(f).IdFiscaleIVA = { IdPaese: 'IT', IdCodice: '00000000000' }
    },
    fails: [`${BUYER}.IdFiscaleIVA.IdCodice`],
  },
  {
    code: '00305',
    name: 'another valid number',
    edit: (f) => {
      buyer(f).IdFiscaleIVA = { IdPaese: 'IT', IdCodice: partitaIva('1111111111') }
    },
    fails: [],
  },
  // 00306: buyer's codice fiscale
  {
    code: '00306',
    name: 'impossible date of birth (30 February)',
    edit: (f) => {
      buyer(f).CodiceFiscale = codiceFiscale('BNCNNA80B30H501')
    },
    fails: [`${BUYER}.CodiceFiscale`],
  },
  {
    code: '00306',
    name: 'numeric code with a wrong check digit',
    edit: (f) => {
      buyer(f).CodiceFiscale = '09876543210'
    },
    fails: [`${BUYER}.CodiceFiscale`],
  },
  {
    code: '00306',
    name: 'numeric code of a company',
    edit: (f) => {
      buyer(f).CodiceFiscale = BUYER_VAT
    },
    fails: [],
  },
  {
    code: '00306',
    name: 'omocodia letters with the right check letter',
    edit: (f) => {
      buyer(f).CodiceFiscale = codiceFiscale('BNCNNA80A41H50M')
    },
    fails: [],
  },
  // 00313: XXXXXXX only for a buyer with a foreign IdFiscaleIVA
  {
    code: '00313',
    name: 'XXXXXXX for an Italian buyer',
    edit: (f) => {
      trasmissione(f).CodiceDestinatario = 'XXXXXXX'
    },
    fails: [`${TRASMISSIONE}.CodiceDestinatario`],
  },
  {
    code: '00313',
    name: 'XXXXXXX for a buyer with only a codice fiscale',
    edit: (f) => {
      trasmissione(f).CodiceDestinatario = 'XXXXXXX'
      delete buyer(f).IdFiscaleIVA
    },
    fails: [`${TRASMISSIONE}.CodiceDestinatario`],
  },
  {
    code: '00313',
    name: 'XXXXXXX for a German buyer',
    edit: (f) => {
      trasmissione(f).CodiceDestinatario = 'XXXXXXX'
      buyer(f).IdFiscaleIVA = { IdPaese: 'DE', IdCodice: '123456789' }
      delete buyer(f).CodiceFiscale
    },
    fails: [],
  },
  // 00330: SdI's own PEC mailboxes
  ...['sdi01@pec.fatturapa.it', 'SDI27@Pec.FatturaPA.it'].map((pec): RuleCase => ({
    code: '00330',
    name: `PEC ${pec}`,
    edit: (f) => {
      trasmissione(f).CodiceDestinatario = '0000000'
      trasmissione(f).PECDestinatario = pec
    },
    fails: [`${TRASMISSIONE}.PECDestinatario`],
  })),
  ...['cliente@pec.it', 'sdi@pec.fatturapa.it', 'sdi01@pec.fatturapa.it.example.com', 'xsdi01@pec.fatturapa.it'].map(
    (pec): RuleCase => ({
      code: '00330',
      name: `PEC ${pec}`,
      edit: (f) => {
        trasmissione(f).CodiceDestinatario = '0000000'
        trasmissione(f).PECDestinatario = pec
      },
      fails: [],
    }),
  ),
  // 00417: the buyer must be identified
  {
    code: '00417',
    name: 'neither IdFiscaleIVA nor CodiceFiscale',
    edit: (f) => {
      delete buyer(f).IdFiscaleIVA
      delete buyer(f).CodiceFiscale
    },
    fails: [BUYER],
  },
  {
    code: '00417',
    name: 'a consumer with only a codice fiscale',
    edit: (f) => {
      delete buyer(f).IdFiscaleIVA
    },
    fails: [],
  },
  // 00427: CodiceDestinatario length vs FormatoTrasmissione
  {
    code: '00427',
    name: '6 characters with FPR12',
    edit: (f) => {
      trasmissione(f).CodiceDestinatario = 'UFABCD'
    },
    fails: [`${TRASMISSIONE}.CodiceDestinatario`],
  },
  {
    code: '00427',
    name: '7 characters with FPA12',
    edit: (f) => {
      f.versione = 'FPA12'
      trasmissione(f).FormatoTrasmissione = 'FPA12'
    },
    fails: [`${TRASMISSIONE}.CodiceDestinatario`],
  },
  {
    code: '00427',
    name: '6 characters with FPA12',
    edit: (f) => {
      f.versione = 'FPA12'
      trasmissione(f).FormatoTrasmissione = 'FPA12'
      trasmissione(f).CodiceDestinatario = 'UFABCD'
    },
    fails: [],
  },
  // 00428: FormatoTrasmissione vs versione
  {
    code: '00428',
    name: 'versione FPA12, FormatoTrasmissione FPR12',
    edit: (f) => {
      f.versione = 'FPA12'
    },
    fails: [`${TRASMISSIONE}.FormatoTrasmissione`],
  },
  {
    code: '00428',
    name: 'versione and FormatoTrasmissione both FPA12',
    edit: (f) => {
      f.versione = 'FPA12'
      trasmissione(f).FormatoTrasmissione = 'FPA12'
      trasmissione(f).CodiceDestinatario = 'UFABCD'
    },
    fails: [],
  },
  // 00476: seller and buyer both foreign
  {
    code: '00476',
    name: 'French seller, German buyer',
    edit: (f) => {
      seller(f).IdFiscaleIVA = { IdPaese: 'FR', IdCodice: '12345678901' }
      buyer(f).IdFiscaleIVA = { IdPaese: 'DE', IdCodice: '123456789' }
    },
    fails: [`${BUYER}.IdFiscaleIVA.IdPaese`],
  },
  {
    code: '00476',
    name: 'French seller, Italian buyer',
    edit: (f) => {
      seller(f).IdFiscaleIVA = { IdPaese: 'FR', IdCodice: '12345678901' }
    },
    fails: [],
  },
  {
    code: '00476',
    name: 'French seller, buyer with only a codice fiscale',
    edit: (f) => {
      seller(f).IdFiscaleIVA = { IdPaese: 'FR', IdCodice: '12345678901' }
      delete buyer(f).IdFiscaleIVA
    },
    fails: [],
  },
]
