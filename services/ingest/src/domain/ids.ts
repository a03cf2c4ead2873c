import { randomUUID } from 'node:crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A new invoice id: a UUID version 7 (RFC 9562), whose first 48 bits are the time in milliseconds, so that new rows
 * go to the end of the primary key's index instead of random pages of it; the 74 other random bits of a version 4
 * UUID (Node draws those from a pooled buffer: no system call per id) keep ids unguessable.
 */
export function newInvoiceId(now: number = Date.now()): string {
  const random = randomUUID()
  const time = now.toString(16).padStart(12, '0').slice(-12)
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`
}

/** Whether a path parameter can be an invoice id at all (anything else is simply not found). */
export function isInvoiceId(value: string): boolean {
  return UUID.test(value)
}

/** The pattern of an incoming invoice's id (given by the receipts service; the events' invoiceId). */
export const INCOMING_ID = /^[A-Za-z0-9_-]{1,100}$/

/** Whether a path parameter can be an incoming invoice's id. */
export function isIncomingId(value: string): boolean {
  return INCOMING_ID.test(value)
}
