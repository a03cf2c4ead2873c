import Type from 'typebox'
import { OUTCOME_STATES } from '../../domain/incoming-outcome.ts'
import { incomingExamples as examples } from './examples.ts'

// The HTTP shapes of the incoming invoices' routes. Response schemas are also the serializers.

const Party = Type.Object(
  {
    country: Type.String(),
    vatNumber: Type.Optional(Type.String()),
    codiceFiscale: Type.Optional(Type.String()),
    name: Type.String(),
  },
  { additionalProperties: false },
)

const Signer = Type.Object(
  {
    subject: Type.String(),
    issuer: Type.String(),
    serial: Type.String(),
    notBefore: Type.String({ format: 'date-time' }),
    notAfter: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

const Formato = Type.Union([Type.Literal('FPA12'), Type.Literal('FPR12')])
const Esito = Type.Union([Type.Literal('EC01'), Type.Literal('EC02')], {
  description: 'EC01 accept, EC02 refuse',
})
const InvoiceRef = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 20, description: 'Numero of one invoice of the file' }),
    year: Type.Integer({ minimum: 1900, maximum: 2999, description: 'The year of its Data' }),
    position: Type.Optional(Type.Integer({ minimum: 1, description: 'PosizioneFattura in the lotto' })),
  },
  { additionalProperties: false, description: 'RiferimentoFattura: one invoice of a lotto; the whole file if absent' },
)

const Outcome = Type.Object(
  {
    esito: Esito,
    description: Type.Optional(Type.String()),
    invoiceRef: Type.Optional(InvoiceRef),
    requestedAt: Type.String({ format: 'date-time' }),
    result: Type.Optional(
      Type.Union([Type.Literal('ES01'), Type.Literal('ES00'), Type.Literal('failed')], {
        description: "SdI's answer: ES01 taken, ES00 refused (see scarto), failed: never answered in time",
      }),
    ),
    ecFileName: Type.Optional(Type.String()),
    scarto: Type.Optional(
      Type.Object(
        {
          code: Type.Union([Type.Literal('EN00'), Type.Literal('EN01')], {
            description: 'EN00 not compliant with the format, EN01 not admissible',
          }),
          description: Type.Optional(Type.String()),
          messageFileName: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
    failure: Type.Optional(
      Type.Object({ cause: Type.String(), message: Type.String() }, { additionalProperties: false }),
    ),
    answeredAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false, description: 'The last outcome asked for, and what SdI made of it' },
)

const OutcomeState = Type.Enum([...OUTCOME_STATES], {
  description: 'not_applicable (FPR12), awaiting_outcome, outcome_requested, outcome_accepted, outcome_refused, ...',
})

const incomingProperties = {
  id: Type.String(),
  identificativoSdI: Type.String(),
  fileName: Type.String(),
  formato: Formato,
  codiceDestinatario: Type.String(),
  seller: Party,
  buyer: Party,
  documents: Type.Array(
    Type.Object(
      {
        tipoDocumento: Type.String(),
        numero: Type.String(),
        data: Type.String({ format: 'date' }),
        importoTotale: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
  ),
  signature: Type.Object(
    {
      format: Type.Union([Type.Literal('cades'), Type.Literal('xades'), Type.Literal('none')]),
      signer: Type.Optional(Signer),
    },
    { additionalProperties: false, description: 'How the seller signed the file (verified by the gateway)' },
  ),
  receivedAt: Type.String({ format: 'date-time' }),
  heldSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Since when the file waited for its recipient to be configured, if it did',
  }),
  outcomeBy: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description: 'FPA12: the last day for an outcome; SdI sends a DT after it',
  }),
  outcomeState: OutcomeState,
  outcome: Type.Union([Outcome, Type.Null()]),
  files: Type.Object(
    { original: Type.String(), xml: Type.String(), metadata: Type.String() },
    { additionalProperties: false },
  ),
}

const HistoryEntry = Type.Object(
  {
    type: Type.String({
      description: 'invoice.outcome_requested, invoice.outcome_sent, invoice.incoming_terms_expired',
    }),
    occurredAt: Type.String({ format: 'date-time' }),
    detail: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
)

export const IncomingInvoice = Type.Object(
  { ...incomingProperties, history: Type.Array(HistoryEntry) },
  { additionalProperties: false, examples: [examples.incoming] },
)

export const IncomingPage = Type.Object(
  {
    items: Type.Array(Type.Object(incomingProperties, { additionalProperties: false })),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as ?cursor= for the next page' }),
  },
  { additionalProperties: false, examples: [examples.page] },
)

const date = (description: string) => Type.Optional(Type.String({ format: 'date', description }))
const dateTime = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }))

export const IncomingListQuery = Type.Object(
  {
    sellerVat: Type.Optional(
      Type.String({ pattern: '^[A-Z]{2}[A-Za-z0-9]{1,28}$', description: "The seller's VAT number: IT01234567897" }),
    ),
    formato: Type.Optional(Formato),
    outcomeState: Type.Optional(OutcomeState),
    invoiceNumber: Type.Optional(Type.String({ maxLength: 20 })),
    receivedFrom: dateTime('Delivered at or after'),
    receivedTo: dateTime('Delivered before'),
    invoiceDateFrom: date('Invoice date (Data) on or after'),
    invoiceDateTo: date('Invoice date (Data) on or before'),
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Items per page' })),
  },
  { additionalProperties: false },
)

export const IncomingParams = Type.Object({ id: Type.String({ maxLength: 100 }) })

export const FileQuery = Type.Object(
  {
    part: Type.Optional(
      Type.Union([Type.Literal('original'), Type.Literal('xml'), Type.Literal('metadata')], {
        description: 'original: as SdI delivered it (.xml or .xml.p7m); xml: the invoice XML; metadata: the MT file',
        default: 'original',
      }),
    ),
  },
  { additionalProperties: false },
)

export const OutcomeBody = Type.Object(
  {
    esito: Esito,
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    invoiceRef: Type.Optional(InvoiceRef),
  },
  { additionalProperties: false, examples: [examples.outcome] },
)

export const OutcomeAccepted = Type.Object(
  { id: Type.String(), outcomeState: Type.Literal('outcome_requested'), statusUrl: Type.String() },
  { additionalProperties: false, examples: [examples.outcomeAccepted] },
)
