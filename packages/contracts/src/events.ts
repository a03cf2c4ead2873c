import {
  invoiceReceived,
  invoiceRejected,
  invoiceSigned,
  invoiceSigningFailed,
  invoiceValidated,
  type InvoiceReceived,
  type InvoiceRejected,
  type InvoiceSigned,
  type InvoiceSigningFailed,
  type InvoiceValidated,
} from './invoice-events.ts'
import {
  invoiceTransmissionFailed,
  invoiceTransmitted,
  type InvoiceTransmissionFailed,
  type InvoiceTransmitted,
} from './transmission-events.ts'
import { invoiceNotification, type InvoiceNotification } from './notification-events.ts'
import {
  invoiceIncoming,
  invoiceIncomingTermsExpired,
  invoiceOutcomeRequested,
  invoiceOutcomeSent,
  type InvoiceIncoming,
  type InvoiceIncomingTermsExpired,
  type InvoiceOutcomeRequested,
  type InvoiceOutcomeSent,
} from './incoming-events.ts'

/** Every event definition, for consumers that route by type and for topic creation at start-up. */
export const invoiceEvents = [
  invoiceReceived,
  invoiceValidated,
  invoiceRejected,
  invoiceSigned,
  invoiceSigningFailed,
  invoiceTransmitted,
  invoiceTransmissionFailed,
  invoiceNotification,
  invoiceIncoming,
  invoiceIncomingTermsExpired,
  invoiceOutcomeRequested,
  invoiceOutcomeSent,
] as const

export type InvoiceEvent =
  | InvoiceReceived
  | InvoiceValidated
  | InvoiceRejected
  | InvoiceSigned
  | InvoiceSigningFailed
  | InvoiceTransmitted
  | InvoiceTransmissionFailed
  | InvoiceNotification
  | InvoiceIncoming
  | InvoiceIncomingTermsExpired
  | InvoiceOutcomeRequested
  | InvoiceOutcomeSent
