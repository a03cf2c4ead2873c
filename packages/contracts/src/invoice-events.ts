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

const LocalizedText = Type.Object({ it: Type.String(), en: Type.String() }, { additionalProperties: false })

/** One reason SdI would reject the file: its SdI code, where, and what is wrong, in Italian and English. */
export const SdiErrorData = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{5}$' }),
    path: Type.String({ maxLength: 300 }),
    message: LocalizedText,
    detail: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
)

const Party = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    vatNumber: Type.Optional(Type.String({ maxLength: 28 })),
    codiceFiscale: Type.Optional(Type.String({ maxLength: 16 })),
    name: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
)

/** One document of the file (a lotto holds several): what a vendor and an operator search by. */
const DocumentSummary = Type.Object(
  {
    tipoDocumento: Type.String({ pattern: '^TD[0-9]{2}$' }),
    numero: Type.String({ maxLength: 20 }),
    data: Type.String({ format: 'date' }),
    importoTotale: Type.Optional(Type.String({ maxLength: 20, description: 'ImportoTotaleDocumento, as written' })),
  },
  { additionalProperties: false },
)

/** The file passed every check SdI makes that can be made from the file alone; signing comes next. */
export const invoiceValidated = defineEvent(
  'invoice.validated',
  1,
  Type.Object(
    {
      document: DocumentRef,
      /** The bytes to sign and transmit: the XML itself, or the content of a vendor's .p7m. */
      content: DocumentRef,
      formato: Type.Union([Type.Literal('FPA12'), Type.Literal('FPR12')]),
      /** Already signed by the vendor (CAdES .p7m or XAdES): the signing service leaves it as it is. */
      signedBy: Type.Optional(Type.Union([Type.Literal('cades'), Type.Literal('xades')])),
      transmitter: Type.Object(
        { country: Type.String({ pattern: '^[A-Z]{2}$' }), id: Type.String({ maxLength: 28 }) },
        { additionalProperties: false },
      ),
      seller: Party,
      buyer: Party,
      codiceDestinatario: Type.String({ pattern: '^[A-Z0-9]{6,7}$' }),
      pecDestinatario: Type.Optional(Type.String({ maxLength: 256 })),
      documents: Type.Array(DocumentSummary, { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
)

/** The file would be rejected by SdI: every error found, with SdI's codes. Nothing more happens to it. */
export const invoiceRejected = defineEvent(
  'invoice.rejected',
  1,
  Type.Object(
    {
      document: DocumentRef,
      stage: Type.Union([Type.Literal('validation'), Type.Literal('sdi')]),
      errors: Type.Array(SdiErrorData, { minItems: 1, maxItems: 200 }),
    },
    { additionalProperties: false },
  ),
)

export type InvoiceReceived = ReturnType<typeof invoiceReceived.create>
export type InvoiceReceivedData = Static<typeof invoiceReceived.schema>['data']
export type InvoiceValidated = ReturnType<typeof invoiceValidated.create>
export type InvoiceValidatedData = Static<typeof invoiceValidated.schema>['data']
export type InvoiceRejected = ReturnType<typeof invoiceRejected.create>
export type InvoiceRejectedData = Static<typeof invoiceRejected.schema>['data']

/** Every event definition, for consumers that route by type and for topic creation at start-up. */
export const invoiceEvents = [invoiceReceived, invoiceValidated, invoiceRejected] as const

export type InvoiceEvent = InvoiceReceived | InvoiceValidated | InvoiceRejected
