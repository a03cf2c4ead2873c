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

/** A seller or buyer as the file names it (CedentePrestatore, CessionarioCommittente). */
export const Party = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    vatNumber: Type.Optional(Type.String({ maxLength: 28 })),
    codiceFiscale: Type.Optional(Type.String({ maxLength: 16 })),
    name: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
)

/** Who transmits the file to SdI (DatiTrasmissione/IdTrasmittente): its country and tax id name the file. */
const Transmitter = Type.Object(
  { country: Type.String({ pattern: '^[A-Z]{2}$' }), id: Type.String({ maxLength: 28 }) },
  { additionalProperties: false },
)

/** One document of the file (a lotto holds several): what a vendor and an operator search by. */
export const DocumentSummary = Type.Object(
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
      transmitter: Transmitter,
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

/** The signing certificate of a file the gateway signed, for the API and the audit trail. */
export const SignerData = Type.Object(
  {
    subject: Type.String({ maxLength: 1000 }),
    issuer: Type.String({ maxLength: 1000 }),
    serial: Type.String({ pattern: '^[0-9a-f]{1,128}$', description: 'Serial number, lowercase hex' }),
    notBefore: Type.String({ format: 'date-time' }),
    notAfter: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

/** The file to transmit exists: signed as the tenant's policy requires (or as the vendor signed it), and named. */
export const invoiceSigned = defineEvent(
  'invoice.signed',
  1,
  Type.Object(
    {
      /** The file as received (invoice.validated's document). */
      document: DocumentRef,
      /** The file to transmit: signed here, the vendor's signed file as it came, or the unsigned XML. */
      signed: DocumentRef,
      /** The SdI file name, unique for ever per transmitter (00002): IT01234567890_0000A.xml.p7m. */
      fileName: Type.String({ maxLength: 50, pattern: '^[A-Z]{2}[A-Za-z0-9]{2,28}_[A-Za-z0-9]{1,5}\\.xml(\\.p7m)?$' }),
      format: Type.Union([Type.Literal('cades'), Type.Literal('xades'), Type.Literal('none')]),
      /** Who signed the file; absent when format is none. */
      signedBy: Type.Optional(Type.Union([Type.Literal('gateway'), Type.Literal('vendor')])),
      /** The certificate the gateway signed with; absent when the vendor signed or nobody did. */
      signer: Type.Optional(SignerData),
      /** The signing time the gateway's signature declares (SdI checks it against its reception time: 00105). */
      signingTime: Type.Optional(Type.String({ format: 'date-time' })),
      transmitter: Transmitter,
      /** The last day to transmit the file (the earliest of its invoices' deadlines, FACTS.md §7). */
      transmitBy: Type.Optional(Type.String({ format: 'date' })),
    },
    { additionalProperties: false },
  ),
)

/** Why a file could not be signed; each needs an operator to change the tenant's signing set-up. */
export const SigningFailureCause = Type.Union([
  Type.Literal('no_identity'),
  Type.Literal('certificate_expired'),
  Type.Literal('certificate_not_yet_valid'),
  Type.Literal('identity_unreadable'),
  Type.Literal('secret_missing'),
  Type.Literal('content_unsignable'),
  Type.Literal('signer_failed'),
])

/** The policy requires a signature and none could be made; nothing is transmitted. */
export const invoiceSigningFailed = defineEvent(
  'invoice.signing_failed',
  1,
  Type.Object(
    {
      document: DocumentRef,
      cause: SigningFailureCause,
      /** For people: names the identity, file or token concerned, never a secret. */
      message: Type.String({ minLength: 1, maxLength: 1000 }),
      /**
       * Whether the same attempt may succeed later without a change of set-up. Failures that may pass on their own
       * (a token that is unplugged) are retried by the signing service instead of being reported, so today this is
       * false; it is in the contract so that consumers never have to guess from the cause.
       */
      retriable: Type.Boolean(),
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
export type InvoiceSigned = ReturnType<typeof invoiceSigned.create>
export type InvoiceSignedData = Static<typeof invoiceSigned.schema>['data']
export type InvoiceSigningFailed = ReturnType<typeof invoiceSigningFailed.create>
export type InvoiceSigningFailedData = Static<typeof invoiceSigningFailed.schema>['data']
export type SigningFailureCause = Static<typeof SigningFailureCause>
