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
export {
  invoiceEvents,
  invoiceReceived,
  type InvoiceEvent,
  type InvoiceReceived,
  type InvoiceReceivedData,
} from './invoice-events.ts'
export { DEFAULT_TOPIC_PREFIX, deadLetterTopicFor, topicFor } from './topics.ts'
