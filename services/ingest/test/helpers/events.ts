import { randomUUID } from 'node:crypto'
import {
  invoiceNotification,
  invoiceRejected,
  invoiceSigned,
  invoiceSigningFailed,
  invoiceTransmitted,
  invoiceValidated,
  type DocumentRef,
  type InvoiceNotification,
} from '@varco/contracts'
import { validNumbers } from '@varco/testing'

/** Builders of the events other services emit about an invoice, for the projection tests. */
export function eventsFor(tenantId: string, invoiceId: string, document: DocumentRef) {
  const header = (occurredAt: string) => ({
    source: 'test',
    tenantId,
    invoiceId,
    correlationId: invoiceId,
    causationId: randomUUID(),
    occurredAt,
  })
  const transmitter = { country: 'IT', id: validNumbers.transmitter }
  const fileName = `IT${validNumbers.transmitter}_0000A.xml`
  return {
    fileName,
    validated: (occurredAt = new Date().toISOString()) =>
      invoiceValidated.create({
        ...header(occurredAt),
        data: {
          document,
          content: document,
          formato: 'FPR12',
          transmitter,
          seller: { country: 'IT', vatNumber: validNumbers.seller, name: 'Seller' },
          buyer: { country: 'IT', vatNumber: validNumbers.buyer, name: 'Buyer' },
          codiceDestinatario: 'ABC1234',
          documents: [{ tipoDocumento: 'TD01', numero: '123', data: '2014-12-18' }],
        },
      }),
    rejected: (occurredAt = new Date().toISOString()) =>
      invoiceRejected.create({
        ...header(occurredAt),
        data: {
          document,
          stage: 'validation',
          errors: [{ code: '00400', path: 'FatturaElettronicaBody[0]', message: { it: 'Natura', en: 'Natura' } }],
        },
      }),
    signed: (signed: DocumentRef = document, occurredAt = new Date().toISOString()) =>
      invoiceSigned.create({
        ...header(occurredAt),
        data: { document, signed, fileName, format: 'none', transmitter },
      }),
    signingFailed: (occurredAt = new Date().toISOString()) =>
      invoiceSigningFailed.create({
        ...header(occurredAt),
        data: { document, cause: 'no_identity', message: 'No identity for IT12345678903', retriable: false },
      }),
    transmitted: (occurredAt = new Date().toISOString()) =>
      invoiceTransmitted.create({
        ...header(occurredAt),
        data: { document, fileName, identificativoSdI: '4242', dataOraRicezione: occurredAt, attempts: 1 },
      }),
  }
}

type NotificationData = InvoiceNotification['data']
type Kind = NotificationData['kind']

/**
 * The notifications the receipts service emits about one transmitted invoice: each builder takes the lifecycle's
 * decision (from, state, sequence) as the receipts service would have decided it.
 */
export function notificationsFor(tenantId: string, invoiceId: string, fileName: string) {
  const stem = fileName.replace(/\.xml(\.p7m)?$/, '')
  const message: DocumentRef = { sha256: 'c'.repeat(64), size: 100, mediaType: 'application/xml' }
  const counters = new Map<Kind, number>()
  return (
    kind: Kind,
    lifecycle: NotificationData['lifecycle'],
    extra: Partial<NotificationData> = {},
    receivedAt = new Date().toISOString(),
  ) => {
    const n = (counters.get(kind) ?? 0) + 1
    counters.set(kind, n)
    return invoiceNotification.create({
      source: 'receipts',
      tenantId,
      invoiceId,
      correlationId: invoiceId,
      occurredAt: receivedAt,
      data: {
        kind,
        identificativoSdI: '4242',
        invoiceFileName: fileName,
        messageFileName: `${stem}_${kind}_${String(n).padStart(3, '0')}.xml`,
        receivedAt,
        message,
        lifecycle,
        ...extra,
      },
    })
  }
}
