export {
  defineEvent,
  type AnyEventDefinition,
  type EventDefinition,
  type EventInput,
  type EventOf,
  type EventSchemaIssue,
} from './define-event.ts'
export { DocumentRef } from './document-ref.ts'
export { EnvelopeHeader, envelopeSchema } from './envelope.ts'
export { invoiceEvents, type InvoiceEvent } from './events.ts'
export {
  invoiceReceived,
  invoiceRejected,
  invoiceSigned,
  invoiceSigningFailed,
  invoiceValidated,
  DocumentSummary,
  Party,
  SdiErrorData,
  SignerData,
  SigningFailureCause,
  type InvoiceReceived,
  type InvoiceReceivedData,
  type InvoiceRejected,
  type InvoiceRejectedData,
  type InvoiceSigned,
  type InvoiceSignedData,
  type InvoiceSigningFailed,
  type InvoiceSigningFailedData,
  type InvoiceValidated,
  type InvoiceValidatedData,
} from './invoice-events.ts'
export {
  invoiceTransmissionFailed,
  invoiceTransmitted,
  TransmissionFailureCause,
  type InvoiceTransmissionFailed,
  type InvoiceTransmissionFailedData,
  type InvoiceTransmitted,
  type InvoiceTransmittedData,
} from './transmission-events.ts'
export {
  invoiceNotification,
  LifecycleOutcome,
  LifecycleState,
  SdiRejectionError,
  type InvoiceNotification,
  type InvoiceNotificationData,
} from './notification-events.ts'
export {
  invoiceIncoming,
  invoiceIncomingTermsExpired,
  invoiceOutcomeRequested,
  invoiceOutcomeSent,
  type InvoiceIncoming,
  type InvoiceIncomingData,
  type InvoiceIncomingTermsExpired,
  type InvoiceIncomingTermsExpiredData,
  type InvoiceOutcomeRequested,
  type InvoiceOutcomeRequestedData,
  type InvoiceOutcomeSent,
  type InvoiceOutcomeSentData,
} from './incoming-events.ts'
export { DEFAULT_TOPIC_PREFIX, deadLetterTopicFor, topicFor } from './topics.ts'
