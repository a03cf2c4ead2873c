import Type, { type Static } from 'typebox'
import { defineEvent } from './define-event.ts'
import { DocumentRef } from './document-ref.ts'

const FileName = Type.String({ maxLength: 50, pattern: '^[A-Za-z0-9_.]{9,50}$' })

/** SdI took the file through RiceviFile: its id for every message that follows, and when SdI received it. */
export const invoiceTransmitted = defineEvent(
  'invoice.transmitted',
  1,
  Type.Object(
    {
      /** The file sent (invoice.signed's `signed`). */
      document: DocumentRef,
      fileName: FileName,
      /** SdI's id of the file: digits (MessaggiTypes), or up to 36 characters (MessaggiFatturaTypes). */
      identificativoSdI: Type.String({ minLength: 1, maxLength: 36 }),
      dataOraRicezione: Type.String({ format: 'date-time' }),
      /** RiceviFile calls it took, 1 when SdI answered the first. */
      attempts: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
)

/** Why SdI never took the file: EI01 (empty), EI03 (channel not enabled), or SdI unreachable until the deadline. */
export const TransmissionFailureCause = Type.Union([
  Type.Literal('EI01'),
  Type.Literal('EI03'),
  Type.Literal('deadline_passed'),
])

/** The file was not transmitted and will not be without a person: the cause says what to fix. */
export const invoiceTransmissionFailed = defineEvent(
  'invoice.transmission_failed',
  1,
  Type.Object(
    {
      document: DocumentRef,
      fileName: FileName,
      cause: TransmissionFailureCause,
      message: Type.String({ minLength: 1, maxLength: 1000 }),
      attempts: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
)

export type InvoiceTransmitted = ReturnType<typeof invoiceTransmitted.create>
export type InvoiceTransmittedData = Static<typeof invoiceTransmitted.schema>['data']
export type InvoiceTransmissionFailed = ReturnType<typeof invoiceTransmissionFailed.create>
export type InvoiceTransmissionFailedData = Static<typeof invoiceTransmissionFailed.schema>['data']
export type TransmissionFailureCause = Static<typeof TransmissionFailureCause>
