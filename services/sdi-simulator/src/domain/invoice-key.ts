import type { FatturaElettronica } from '@varco/fatturapa'

/*
 * 00404, duplicate invoice (FACTS.md §6): SdI refuses an invoice whose seller, year and number match one it accepted
 * before and that was neither rejected nor refused. Credit notes (TD04) number apart from invoices, so the document
 * class is part of the key.
 */

/** One key per invoice (body) of a file. */
export function invoiceKeys(fattura: FatturaElettronica): string[] {
  const seller = fattura.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.IdFiscaleIVA
  return fattura.FatturaElettronicaBody.map((body) => {
    const documento = body.DatiGenerali.DatiGeneraliDocumento
    const kind = documento.TipoDocumento === 'TD04' ? 'credit-note' : 'invoice'
    return [`${seller.IdPaese}${seller.IdCodice}`, documento.Data.slice(0, 4), kind, documento.Numero].join('|')
  })
}
