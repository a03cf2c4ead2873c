import { codiceFiscaleCheckLetter } from '../../src/identifiers/codice-fiscale.ts'
import { elevenDigitCheckDigit } from '../../src/identifiers/partita-iva.ts'
import type {
  DatiRiepilogo,
  DettaglioLinee,
  FatturaElettronica,
  FatturaElettronicaBody,
  FatturaElettronicaHeader,
  Natura,
} from '../../src/index.ts'
import type { ContentCheckContext } from '../../src/checks/index.ts'

/*
 * A small invoice SdI's content checks find nothing wrong with: valid identifiers (computed with the package's own
 * check-digit helpers), one line at 22% and its VAT summary. Tests edit a fresh copy.
 */

/** A valid partita IVA from its first ten digits. */
export function partitaIva(firstTen: string): string {
  return firstTen + elevenDigitCheckDigit(firstTen)
}

/** A valid natural person's codice fiscale from its first fifteen characters. */
export function codiceFiscale(firstFifteen: string): string {
  return firstFifteen + codiceFiscaleCheckLetter(firstFifteen)
}

export const SELLER_VAT = partitaIva('0123456789')
export const BUYER_VAT = partitaIva('0987654321')
export const TRANSMITTER_CF = codiceFiscale('RSSMRA80A01H501')
export const BUYER_CF = codiceFiscale('BNCNNA80A41H501')

/** SdI received the file on 2025-07-01 at 12:00 in Rome. */
export const CONTEXT: ContentCheckContext = { receivedAt: new Date('2025-07-01T10:00:00Z') }

export function aLine(NumeroLinea: number, fields: Partial<DettaglioLinee> = {}): DettaglioLinee {
  return {
    NumeroLinea,
    Descrizione: `Riga ${NumeroLinea}`,
    Quantita: '2.00',
    PrezzoUnitario: '50.00',
    PrezzoTotale: '100.00',
    AliquotaIVA: '22.00',
    ...fields,
  }
}

export function aSummary(fields: Partial<DatiRiepilogo> = {}): DatiRiepilogo {
  return { AliquotaIVA: '22.00', ImponibileImporto: '100.00', Imposta: '22.00', EsigibilitaIVA: 'I', ...fields }
}

export function aBody(Numero = 'FT/1', Data = '2025-06-30'): FatturaElettronicaBody {
  return {
    DatiGenerali: { DatiGeneraliDocumento: { TipoDocumento: 'TD01', Divisa: 'EUR', Data, Numero } },
    DatiBeniServizi: { DettaglioLinee: [aLine(1)], DatiRiepilogo: [aSummary()] },
  }
}

function aHeader(): FatturaElettronicaHeader {
  const sede = { Indirizzo: 'VIA ROMA 1', CAP: '00100', Comune: 'ROMA', Provincia: 'RM', Nazione: 'IT' }
  return {
    DatiTrasmissione: {
      IdTrasmittente: { IdPaese: 'IT', IdCodice: TRANSMITTER_CF },
      ProgressivoInvio: '00001',
      FormatoTrasmissione: 'FPR12',
      CodiceDestinatario: 'ABC1234',
    },
    CedentePrestatore: {
      DatiAnagrafici: {
        IdFiscaleIVA: { IdPaese: 'IT', IdCodice: SELLER_VAT },
        CodiceFiscale: SELLER_VAT,
        Anagrafica: { Denominazione: 'ALFA SRL' },
        RegimeFiscale: 'RF01',
      },
      Sede: sede,
    },
    CessionarioCommittente: {
      DatiAnagrafici: {
        IdFiscaleIVA: { IdPaese: 'IT', IdCodice: BUYER_VAT },
        CodiceFiscale: BUYER_CF,
        Anagrafica: { Nome: 'ANNA', Cognome: 'BIANCHI' },
      },
      Sede: sede,
    },
  }
}

/** A fresh valid FPR12 invoice with one body (TD01 FT/1 of 2025-06-30). */
export function anInvoice(): FatturaElettronica {
  return { versione: 'FPR12', FatturaElettronicaHeader: aHeader(), FatturaElettronicaBody: [aBody()] }
}

/**
 * Adds line 2 (1 × 10.00 at `rate`, with `natura`) to the first body and a summary block for it with Natura `summary`
 * ('' for none; null adds no block).
 */
export function addLine(
  f: FatturaElettronica,
  rate: string,
  natura?: Natura,
  summary: Natura | '' | null = natura ?? '',
) {
  lines0(f).push(
    aLine(2, { Quantita: '1.00', PrezzoUnitario: '10.00', PrezzoTotale: '10.00', AliquotaIVA: rate, Natura: natura }),
  )
  if (summary === null) return
  const imposta = rate === '22.00' ? '2.20' : rate === '10.00' ? '1.00' : '0.00'
  const block = aSummary({ AliquotaIVA: rate, ImponibileImporto: '10.00', Imposta: imposta })
  if (summary !== '') block.Natura = summary
  summaries0(f).push(block)
}

/** Sets one pension fund contribution of 4.00 at `rate` on the first body (no summary block is added). */
export function addCassa(f: FatturaElettronica, rate: string, natura?: Natura, ritenuta = false) {
  documento0(f).DatiCassaPrevidenziale = [
    {
      TipoCassa: 'TC22',
      AlCassa: '4.00',
      ImportoContributoCassa: '4.00',
      AliquotaIVA: rate,
      ...(natura === undefined ? {} : { Natura: natura }),
      ...(ritenuta ? { Ritenuta: 'SI' as const } : {}),
    },
  ]
}

/* Shortcuts for edits: the first body and its parts (tests only edit invoices they built). */

export function body0(f: FatturaElettronica): FatturaElettronicaBody {
  return f.FatturaElettronicaBody[0]!
}
export function documento0(f: FatturaElettronica) {
  return body0(f).DatiGenerali.DatiGeneraliDocumento
}
export function lines0(f: FatturaElettronica): DettaglioLinee[] {
  return body0(f).DatiBeniServizi.DettaglioLinee
}
export function summaries0(f: FatturaElettronica): DatiRiepilogo[] {
  return body0(f).DatiBeniServizi.DatiRiepilogo
}
export function seller(f: FatturaElettronica) {
  return f.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici
}
export function buyer(f: FatturaElettronica) {
  return f.FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici
}
export function trasmissione(f: FatturaElettronica) {
  return f.FatturaElettronicaHeader.DatiTrasmissione
}

/** Paths of the first body, as the checks report them. */
export const B0 = 'FatturaElettronicaBody[0]'
export const DOC0 = `${B0}.DatiGenerali.DatiGeneraliDocumento`
export const LINE = (j: number) => `${B0}.DatiBeniServizi.DettaglioLinee[${j}]`
export const SUMMARY = (k: number) => `${B0}.DatiBeniServizi.DatiRiepilogo[${k}]`
export const CASSA = (k: number) => `${DOC0}.DatiCassaPrevidenziale[${k}]`
export const TRASMISSIONE = 'FatturaElettronicaHeader.DatiTrasmissione'
export const SELLER = 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici'
export const BUYER = 'FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici'
