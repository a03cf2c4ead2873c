import { randomUUID } from 'node:crypto'
import { invoiceReceived, type InvoiceReceived } from '@varco/contracts'
import { createLogger, type Logger } from '@varco/observability'

export const silentLogger: Logger = createLogger({ name: 'test', level: 'silent' })

/** A valid invoice.received event with unique ids; override any field. */
export function anInvoiceReceived(
  overrides: Partial<Parameters<typeof invoiceReceived.create>[0]> = {},
): InvoiceReceived {
  return invoiceReceived.create({
    source: 'test',
    tenantId: 'tenant-1',
    invoiceId: randomUUID(),
    correlationId: randomUUID(),
    data: { document: { sha256: 'a'.repeat(64), size: 1, mediaType: 'application/xml' }, receivedVia: 'api' },
    ...overrides,
  })
}
