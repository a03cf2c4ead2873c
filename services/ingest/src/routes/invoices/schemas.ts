import Type, { type TSchema } from 'typebox'
import { INVOICE_STATUSES } from '../../domain/status.ts'
import { examples } from './examples.ts'

// The HTTP shapes of the invoice routes. Response schemas are also the serializers: a field not listed never leaks.

const LocalizedText = Type.Object({ it: Type.String(), en: Type.String() }, { additionalProperties: false })

export const SdiError = Type.Object(
  {
    code: Type.String({ description: "SdI's error code (00200, 00404, ...)" }),
    path: Type.String({ description: 'Where in the file: FatturaElettronicaBody[0].DatiBeniServizi...' }),
    message: LocalizedText,
    detail: Type.Optional(Type.String({ description: 'A finer reason under the SdI code' })),
  },
  { additionalProperties: false },
)

export const Transliteration = Type.Object(
  { path: Type.String(), before: Type.String(), after: Type.String() },
  { additionalProperties: false },
)

/** RFC 9457 problem details, with this API's stable `code` and, for invalid files, SdI's errors. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'urn:varco:error:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String({ description: 'The request path' }),
    code: Type.String({ description: 'INGEST_ERR_*, listed in the README' }),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(SdiError)),
    issues: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() }, { additionalProperties: false })),
    ),
  },
  { additionalProperties: false, $id: 'Problem', examples: [examples.problem] },
)

const problemStatus = {
  400: 'Malformed input (INGEST_ERR_MALFORMED_*, INGEST_ERR_BAD_REQUEST, ...)',
  401: 'Missing or invalid API key',
  404: 'No such invoice for this tenant',
  409: "Idempotency-Key reused for another request, or the invoice's state does not allow it",
  413: 'Body over the limit (5 MB)',
  415: 'Content-Type not accepted',
  422: "The file would be rejected by SdI, its transmitter is not the tenant's, or it does not match",
  502: 'A service behind this API answered badly or not at all',
  429: 'Rate limit of the API key exceeded (see Retry-After)',
  500: 'Internal error',
  503: 'A dependency is unavailable; retry later',
} as const

type ProblemStatus = keyof typeof problemStatus

/** Response schemas of problem documents for the given statuses (and always 500, 503). */
export function problems(...statuses: readonly ProblemStatus[]): Record<number, TSchema> {
  const all = [...new Set<ProblemStatus>([...statuses, 500, 503])]
  return Object.fromEntries(
    all.map((status) => [
      status,
      { description: problemStatus[status], content: { 'application/problem+json': { schema: Type.Ref('Problem') } } },
    ]),
  )
}

export const Accepted = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    status: Type.Literal('received'),
    statusUrl: Type.String(),
    transliterations: Type.Optional(Type.Array(Transliteration)),
    resubmissionOf: Type.Optional(Type.String({ format: 'uuid', description: 'The rejected invoice it corrects' })),
  },
  { additionalProperties: false, examples: [examples.accepted] },
)

export const ValidationReport = Type.Object(
  { valid: Type.Boolean(), errors: Type.Array(SdiError), transliterations: Type.Array(Transliteration) },
  { additionalProperties: false, examples: [examples.validationReport] },
)

const Deadline = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'Last day to transmit to SdI (Italian calendar day)' }),
    dueAt: Type.String({ format: 'date-time', description: 'The end of that day in Italy' }),
    secondsLeft: Type.Union([Type.Integer(), Type.Null()], { description: 'Negative when overdue; null once at SdI' }),
    overdue: Type.Boolean(),
  },
  { additionalProperties: false },
)

const TimelineEntry = Type.Object(
  {
    type: Type.String(),
    occurredAt: Type.String({ format: 'date-time' }),
    recordedAt: Type.String(),
    detail: Type.Optional(
      Type.Object(
        {
          kind: Type.String({ description: 'The SdI message: NS, RC, MC, NE, DT, AT' }),
          messageFileName: Type.String(),
          identificativoSdI: Type.String(),
          decision: Type.Union(
            [Type.Literal('transition'), Type.Literal('unchanged'), Type.Literal('stale'), Type.Literal('forbidden')],
            { description: "What the lifecycle made of the message (receipts service's decide)" },
          ),
          from: Type.String(),
          state: Type.String(),
          sequence: Type.Integer(),
          reason: Type.Optional(
            Type.String({ description: 'Why a forbidden message cannot be explained by the flow' }),
          ),
          esito: Type.Optional(Type.String({ description: "NE: the public administration's EC01 or EC02" })),
        },
        { additionalProperties: false, description: "SdI's notifications: the message and the lifecycle's decision" },
      ),
    ),
  },
  { additionalProperties: false },
)

const SdiRejection = Type.Object(
  {
    errors: Type.Array(
      Type.Object(
        {
          code: Type.String({ description: "SdI's error code" }),
          description: Type.String({ description: 'As SdI wrote it' }),
          suggestion: Type.Optional(Type.String({ description: 'FPR12: SdI’s Suggerimento' })),
        },
        { additionalProperties: false },
      ),
    ),
    rejectedAt: Type.String({ format: 'date-time' }),
    messageFileName: Type.String(),
    resubmitBy: Type.String({ format: 'date', description: 'Last day (Italy) to send the corrected file' }),
    dueAt: Type.String({ format: 'date-time', description: 'The end of that day in Italy' }),
    open: Type.Boolean({ description: 'Whether a resubmission is still in time' }),
  },
  { additionalProperties: false, description: "SdI's NS: the file was not issued; a corrected file may follow" },
)

const nullable = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description })

const invoiceProperties = {
  id: Type.String({ format: 'uuid' }),
  status: Type.Enum([...INVOICE_STATUSES]),
  transmitter: Type.String({ description: 'IdPaese + IdCodice of DatiTrasmissione/IdTrasmittente' }),
  recipientCode: Type.Union([Type.String(), Type.Null()], { description: 'CodiceDestinatario' }),
  documents: Type.Array(
    Type.Object(
      { type: Type.String(), number: Type.String(), date: Type.String() },
      { additionalProperties: false, description: 'TipoDocumento, Numero, Data of each FatturaElettronicaBody' },
    ),
  ),
  deadline: Type.Union([Deadline, Type.Null()]),
  sdiFileName: Type.Union([Type.String(), Type.Null()]),
  sdiId: Type.Union([Type.String(), Type.Null()], { description: 'IdentificativoSdI, once transmitted' }),
  errors: Type.Array(SdiError, { description: 'Why the file is rejected (SdI codes)' }),
  failure: Type.Union([
    Type.Object(
      {
        stage: Type.Union([Type.Literal('signing'), Type.Literal('transmission')]),
        cause: Type.String(),
        message: Type.String(),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ]),
  files: Type.Object(
    { original: Type.String(), signed: Type.Union([Type.String(), Type.Null()]) },
    { additionalProperties: false },
  ),
  sdiRejection: nullable(SdiRejection, 'Set when SdI rejected the file (NS)'),
  delivery: nullable(
    Type.Object(
      {
        deliveredAt: Type.String({ format: 'date-time' }),
        recipientCode: Type.Optional(Type.String()),
        recipientName: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
    "SdI's RC: when and to whom the file was delivered",
  ),
  sdiOutcome: nullable(
    Type.Object(
      { esito: Type.Union([Type.Literal('EC01'), Type.Literal('EC02')]), description: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    "SdI's NE: the public administration accepted (EC01) or refused (EC02) the invoice",
  ),
  reservedAreaSince: nullable(Type.String({ format: 'date-time' }), "FPR12 MC: in the buyer's reserved area since"),
  resubmissionOf: nullable(Type.String({ format: 'uuid' }), 'The rejected invoice this file corrects'),
  resubmittedAs: nullable(Type.String({ format: 'uuid' }), 'The corrected invoice sent for this rejected one'),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}

export const Invoice = Type.Object(
  { ...invoiceProperties, timeline: Type.Array(TimelineEntry) },
  { additionalProperties: false, examples: [examples.invoice] },
)

export const InvoicePage = Type.Object(
  {
    items: Type.Array(Type.Object(invoiceProperties, { additionalProperties: false })),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as ?cursor= for the next page' }),
  },
  { additionalProperties: false, examples: [examples.page] },
)

export const SubmitQuery = Type.Object(
  {
    validate: Type.Optional(
      Type.Union([Type.Literal('async'), Type.Literal('sync')], {
        description: 'sync: validate now and answer 422 with every SdI error instead of accepting',
      }),
    ),
    transliterate: Type.Optional(
      Type.Boolean({ description: "JSON only: replace characters FatturaPA's types refuse, and report each change" }),
    ),
  },
  { additionalProperties: false },
)

export const ValidateQuery = Type.Object(
  { transliterate: SubmitQuery.properties.transliterate },
  { additionalProperties: false },
)

export const SubmitHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Same key and body: the first response again; another body: 409' }),
  ),
})

const date = (description: string) => Type.Optional(Type.String({ format: 'date', description }))
const dateTime = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }))

export const ListQuery = Type.Object(
  {
    status: Type.Optional(invoiceProperties.status),
    transmitter: Type.Optional(Type.String({ maxLength: 30 })),
    recipientCode: Type.Optional(Type.String({ maxLength: 7 })),
    sdiFileName: Type.Optional(Type.String({ maxLength: 50 })),
    invoiceNumber: Type.Optional(Type.String({ maxLength: 20 })),
    createdFrom: dateTime('Accepted at or after'),
    createdTo: dateTime('Accepted before'),
    invoiceDateFrom: date('Invoice date (Data) on or after'),
    invoiceDateTo: date('Invoice date (Data) on or before'),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Items per page' })),
  },
  { additionalProperties: false },
)

export const InvoiceParams = Type.Object({ id: Type.String({ maxLength: 100 }) })

export const ResubmissionAccepted = Type.Object(Accepted.properties, {
  additionalProperties: false,
  examples: [examples.resubmission],
})

export const FileParams = Type.Object({
  id: Type.String({ maxLength: 100 }),
  which: Type.Union([Type.Literal('original'), Type.Literal('signed')]),
})
