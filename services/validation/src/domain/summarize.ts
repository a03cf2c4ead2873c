import type { InvoiceValidatedData } from '@varco/contracts'
import type { FatturaElettronica } from '@varco/fatturapa'

type Party = InvoiceValidatedData['seller']
type Anagrafica = FatturaElettronica['FatturaElettronicaHeader']['CedentePrestatore']['DatiAnagrafici']['Anagrafica']

function nameOf(anagrafica: Anagrafica): string {
  if ('Denominazione' in anagrafica && anagrafica.Denominazione) return anagrafica.Denominazione
  const person = anagrafica as { Nome?: string; Cognome?: string }
  return [person.Nome, person.Cognome].filter(Boolean).join(' ')
}

function party(data: {
  IdFiscaleIVA?: { IdPaese: string; IdCodice: string }
  CodiceFiscale?: string
  Anagrafica: Anagrafica
}): Party {
  return {
    country: data.IdFiscaleIVA?.IdPaese ?? 'IT',
    ...(data.IdFiscaleIVA ? { vatNumber: data.IdFiscaleIVA.IdCodice } : {}),
    ...(data.CodiceFiscale ? { codiceFiscale: data.CodiceFiscale } : {}),
    name: nameOf(data.Anagrafica),
  }
}

/** What later stages need to know of a validated file, so that none of them parses the XML again. */
export function summarize(
  fattura: FatturaElettronica,
): Omit<InvoiceValidatedData, 'document' | 'content' | 'signedBy'> {
  const header = fattura.FatturaElettronicaHeader
  const transmission = header.DatiTrasmissione
  return {
    formato: fattura.versione,
    transmitter: { country: transmission.IdTrasmittente.IdPaese, id: transmission.IdTrasmittente.IdCodice },
    seller: party(header.CedentePrestatore.DatiAnagrafici),
    buyer: party(header.CessionarioCommittente.DatiAnagrafici),
    codiceDestinatario: transmission.CodiceDestinatario,
    ...(transmission.PECDestinatario ? { pecDestinatario: transmission.PECDestinatario } : {}),
    documents: fattura.FatturaElettronicaBody.map((body) => {
      const general = body.DatiGenerali.DatiGeneraliDocumento
      return {
        tipoDocumento: general.TipoDocumento,
        numero: general.Numero,
        data: general.Data,
        ...(general.ImportoTotaleDocumento ? { importoTotale: general.ImportoTotaleDocumento } : {}),
      }
    }),
  }
}
