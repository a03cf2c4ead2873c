import type { DocumentRef, InvoiceIncomingData } from '@varco/contracts'
import { italianDay, outcomeDeadline, type FatturaElettronica } from '@varco/fatturapa'
import type { SignerSummary } from '@varco/signature'
import type { Recipient } from './routing.ts'

/*
 * An invoice SdI delivered (RiceviFatture), as invoice.incoming carries it, and the recipient it is routed by. Pure:
 * the use case has stored the files, verified the seller's signature and parsed the invoice.
 */

type Party = InvoiceIncomingData['seller']
type Anagrafica = FatturaElettronica['FatturaElettronicaHeader']['CedentePrestatore']['DatiAnagrafici']['Anagrafica']

/** invoice.incoming's data before routing decided whether it waited (heldSince). */
export type IncomingData = Omit<InvoiceIncomingData, 'heldSince'>

export interface DeliveredInvoice {
  readonly identificativoSdI: string
  readonly fileName: string
  readonly metadataFileName: string
  readonly file: DocumentRef
  readonly content: DocumentRef
  readonly metadata: DocumentRef
  /** The routing code of SdI's MT: our channel's, when the buyer registered it as its address. */
  readonly metadataCodice: string
  readonly signature: { readonly format: 'cades' | 'xades' | 'none'; readonly signer?: SignerSummary | undefined }
  readonly fattura: FatturaElettronica
  readonly receivedAt: Date
}

function nameOf(anagrafica: Anagrafica): string {
  if ('Denominazione' in anagrafica && anagrafica.Denominazione) return anagrafica.Denominazione.slice(0, 200)
  const person = anagrafica as { Nome?: string; Cognome?: string }
  return [person.Nome, person.Cognome].filter(Boolean).join(' ').slice(0, 200)
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

function signatureOf(signature: DeliveredInvoice['signature']): IncomingData['signature'] {
  const { signer } = signature
  if (signer === undefined) return { format: signature.format }
  return {
    format: signature.format,
    signer: {
      subject: signer.subject,
      issuer: signer.issuer,
      serial: signer.serial,
      notBefore: signer.notBefore.toISOString(),
      notAfter: signer.notAfter.toISOString(),
    },
  }
}

/** invoice.incoming's data for a delivered invoice, and who it is for. */
export function incomingData(invoice: DeliveredInvoice): { data: IncomingData; recipient: Recipient } {
  const { fattura } = invoice
  const header = fattura.FatturaElettronicaHeader
  const codiceDestinatario = header.DatiTrasmissione.CodiceDestinatario
  const buyer = party(header.CessionarioCommittente.DatiAnagrafici)
  const data: IncomingData = {
    identificativoSdI: invoice.identificativoSdI,
    fileName: invoice.fileName,
    formato: fattura.versione,
    file: invoice.file,
    content: invoice.content,
    metadata: invoice.metadata,
    metadataFileName: invoice.metadataFileName,
    signature: signatureOf(invoice.signature),
    codiceDestinatario,
    seller: party(header.CedentePrestatore.DatiAnagrafici),
    buyer,
    documents: fattura.FatturaElettronicaBody.map((body) => {
      const general = body.DatiGenerali.DatiGeneraliDocumento
      return {
        tipoDocumento: general.TipoDocumento,
        numero: general.Numero,
        data: general.Data,
        ...(general.ImportoTotaleDocumento ? { importoTotale: general.ImportoTotaleDocumento } : {}),
      }
    }),
    receivedAt: invoice.receivedAt.toISOString(),
    // A public administration has 15 days from delivery, which is now, for its outcome (FACTS.md §7).
    ...(fattura.versione === 'FPA12' ? { outcomeBy: outcomeDeadline(italianDay(invoice.receivedAt)) } : {}),
  }
  const codes = [...new Set([codiceDestinatario, invoice.metadataCodice])]
  return { data, recipient: { codes, buyer } }
}
