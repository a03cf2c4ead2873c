import { randomInt, randomUUID } from 'node:crypto'
import { invoiceValidated, type DocumentRef, type InvoiceValidated } from '@varco/contracts'
import { validNumbers, validSampleInvoice } from '@varco/testing'

/** A transmitter id of its own (11 digits) for each test, so that its file-name progressives start at 00001. */
export function aTransmitterId(): string {
  return Array.from({ length: 11 }, () => randomInt(10)).join('')
}

/** The official FPA12 or FPR12 sample, with valid identifiers. */
export function sampleInvoice(formato: 'FPA12' | 'FPR12'): Buffer {
  return Buffer.from(validSampleInvoice(formato === 'FPA12' ? 'IT01234567890_FPA01.xml' : 'IT01234567890_FPR01.xml'))
}

export interface ValidatedOptions {
  readonly tenantId: string
  readonly formato: 'FPA12' | 'FPR12'
  readonly transmitterId: string
  readonly content: DocumentRef
  /** The file as received; the content unless the vendor signed it. */
  readonly document?: DocumentRef
  readonly signedBy?: 'cades' | 'xades'
  readonly invoiceId?: string
}

/** An invoice.validated event as the validation service emits it. */
export function aValidatedInvoice(options: ValidatedOptions): InvoiceValidated {
  const party = { country: 'IT', vatNumber: validNumbers.seller, name: 'ALPHA SRL' }
  return invoiceValidated.create({
    source: 'test',
    tenantId: options.tenantId,
    invoiceId: options.invoiceId ?? randomUUID(),
    correlationId: randomUUID(),
    data: {
      document: options.document ?? options.content,
      content: options.content,
      formato: options.formato,
      ...(options.signedBy === undefined ? {} : { signedBy: options.signedBy }),
      transmitter: { country: 'IT', id: options.transmitterId },
      seller: party,
      buyer: { ...party, vatNumber: validNumbers.buyer, name: 'BETA SPA' },
      codiceDestinatario: options.formato === 'FPA12' ? 'AAAAAA' : 'ABC1234',
      documents: [{ tipoDocumento: 'TD01', numero: '123', data: '2014-12-18' }],
    },
  })
}
