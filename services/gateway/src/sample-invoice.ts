import { elevenDigitCheckDigit, serializeFattura, type FatturaElettronica } from '@varco/fatturapa'

/** A valid partita IVA (or numeric codice fiscale) from its first ten digits. */
export const partitaIva = (firstTen: string): string => firstTen + elevenDigitCheckDigit(firstTen)

export const DEMO_TRANSMITTER = partitaIva('0123456789')

/**
 * A small FPR12 invoice, dated today, that passes every SdI check: what the start-up banner's curl line submits.
 * Made from Varco's own model, so no official sample is copied into the checkout.
 */
export function sampleInvoice(today: string, numero: string): string {
  const sede = { Indirizzo: 'VIA ROMA 1', CAP: '00100', Comune: 'ROMA', Provincia: 'RM', Nazione: 'IT' }
  const fattura: FatturaElettronica = {
    versione: 'FPR12',
    FatturaElettronicaHeader: {
      DatiTrasmissione: {
        IdTrasmittente: { IdPaese: 'IT', IdCodice: DEMO_TRANSMITTER },
        ProgressivoInvio: '00001',
        FormatoTrasmissione: 'FPR12',
        CodiceDestinatario: 'ABC1234',
      },
      CedentePrestatore: {
        DatiAnagrafici: {
          IdFiscaleIVA: { IdPaese: 'IT', IdCodice: DEMO_TRANSMITTER },
          Anagrafica: { Denominazione: 'ALFA SRL' },
          RegimeFiscale: 'RF01',
        },
        Sede: sede,
      },
      CessionarioCommittente: {
        DatiAnagrafici: {
          IdFiscaleIVA: { IdPaese: 'IT', IdCodice: partitaIva('0987654321') },
          Anagrafica: { Denominazione: 'BETA SPA' },
        },
        Sede: sede,
      },
    },
    FatturaElettronicaBody: [
      {
        DatiGenerali: { DatiGeneraliDocumento: { TipoDocumento: 'TD01', Divisa: 'EUR', Data: today, Numero: numero } },
        DatiBeniServizi: {
          DettaglioLinee: [
            {
              NumeroLinea: 1,
              Descrizione: 'Consulenza',
              Quantita: '2.00',
              PrezzoUnitario: '50.00',
              PrezzoTotale: '100.00',
              AliquotaIVA: '22.00',
            },
          ],
          DatiRiepilogo: [{ AliquotaIVA: '22.00', ImponibileImporto: '100.00', Imposta: '22.00', EsigibilitaIVA: 'I' }],
        },
      },
    ],
  }
  return serializeFattura(fattura)
}
