import Type, { type Static } from 'typebox'
import { defineEvent } from './define-event.ts'
import { DocumentRef } from './document-ref.ts'

/** A vendor's invoice file was accepted for processing and stored; validation comes next. */
export const invoiceReceived = defineEvent(
  'invoice.received',
  1,
  Type.Object(
    {
      document: DocumentRef,
      receivedVia: Type.Union([Type.Literal('api'), Type.Literal('cli')]),
      fileName: Type.Optional(Type.String({ maxLength: 255, description: 'Name the vendor gave the file, if any' })),
    },
    { additionalProperties: false },
  ),
)

export type InvoiceReceived = ReturnType<typeof invoiceReceived.create>
export type InvoiceReceivedData = Static<typeof invoiceReceived.schema>['data']

/** Every event definition, for consumers that route by type and for topic creation at start-up. */
export const invoiceEvents = [invoiceReceived] as const

export type InvoiceEvent = InvoiceReceived
