import Type, { type Static } from 'typebox'
import { defineEvent } from './define-event.ts'
import { DocumentRef } from './document-ref.ts'
import { DocumentSummary, Party, SignerData } from './invoice-events.ts'

/*
 * The passive cycle (FACTS.md §8, recipient side): invoices SdI delivers to the intermediary for its clients, and
 * the outcome a public administration client sends back. The envelope's invoiceId is the incoming file's id, given
 * by the receipts service when SdI delivered it; tenantId is the client it was routed to.
 */

const IdentificativoSdI = Type.String({ minLength: 1, maxLength: 36, description: 'SdI’s id of the invoice file' })
const SdiFileName = Type.String({ pattern: '^[A-Za-z0-9_.]{9,50}$' })
const Esito = Type.Union([Type.Literal('EC01'), Type.Literal('EC02')])

/** SdI delivered an invoice file (RiceviFatture) for a client; it is stored, verified, parsed and routed. */
export const invoiceIncoming = defineEvent(
  'invoice.incoming',
  1,
  Type.Object(
    {
      identificativoSdI: IdentificativoSdI,
      fileName: SdiFileName,
      formato: Type.Union([Type.Literal('FPA12'), Type.Literal('FPR12')]),
      /** The file as SdI delivered it (.xml or .xml.p7m). */
      file: DocumentRef,
      /** The invoice XML: the file itself, or the content of its CAdES envelope. */
      content: DocumentRef,
      /** SdI's metadata file (MT) and its name. */
      metadata: DocumentRef,
      metadataFileName: SdiFileName,
      /** How the seller signed the file, and with which certificate (the signature was verified). */
      signature: Type.Object(
        {
          format: Type.Union([Type.Literal('cades'), Type.Literal('xades'), Type.Literal('none')]),
          signer: Type.Optional(SignerData),
        },
        { additionalProperties: false },
      ),
      codiceDestinatario: Type.String({ pattern: '^[A-Z0-9]{6,7}$' }),
      seller: Party,
      buyer: Party,
      documents: Type.Array(DocumentSummary, { minItems: 1 }),
      receivedAt: Type.String({ format: 'date-time' }),
      /** Set when no client was configured for the recipient at first: since when the file waited for one. */
      heldSince: Type.Optional(Type.String({ format: 'date-time' })),
      /** FPA12: the last day for the client's outcome (EC01/EC02), 15 days after delivery; SdI sends DT after it. */
      outcomeBy: Type.Optional(Type.String({ format: 'date' })),
    },
    { additionalProperties: false },
  ),
)

/** SdI told the recipient that the 15 days for its outcome passed without one (RicezioneFatture's DT). */
export const invoiceIncomingTermsExpired = defineEvent(
  'invoice.incoming_terms_expired',
  1,
  Type.Object(
    {
      identificativoSdI: IdentificativoSdI,
      messageFileName: SdiFileName,
      message: DocumentRef,
      receivedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
)

/** The client decided on an FPA12 invoice it received: the transmission service sends it to SdI as an EC. */
export const invoiceOutcomeRequested = defineEvent(
  'invoice.outcome_requested',
  1,
  Type.Object(
    {
      identificativoSdI: IdentificativoSdI,
      /** The incoming invoice file's name: the EC file's name is made from it (FACTS.md §4). */
      invoiceFileName: SdiFileName,
      esito: Esito,
      description: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
      /** To accept or refuse one invoice of a lotto (RiferimentoFattura); the whole file when absent. */
      invoiceRef: Type.Optional(
        Type.Object(
          {
            number: Type.String({ minLength: 1, maxLength: 20 }),
            year: Type.Integer({ minimum: 1900, maximum: 2999 }),
            position: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      ),
      /** The last day SdI takes the outcome (invoice.incoming's outcomeBy): retries of an ES02 stop after it. */
      outcomeBy: Type.Optional(Type.String({ format: 'date' })),
    },
    { additionalProperties: false },
  ),
)

/** What SdI answered to the EC (SdIRiceviNotifica): ES01 taken, ES00 refused with an SE, or never answered. */
export const invoiceOutcomeSent = defineEvent(
  'invoice.outcome_sent',
  1,
  Type.Object(
    {
      identificativoSdI: IdentificativoSdI,
      esito: Esito,
      ecFileName: SdiFileName,
      /** The EC file sent. */
      ec: DocumentRef,
      result: Type.Union([Type.Literal('ES01'), Type.Literal('ES00'), Type.Literal('failed')]),
      /** ES00: SdI's SE (ScartoEsitoCommittente): EN00 not compliant, EN01 not admissible (e.g. too late). */
      scarto: Type.Optional(
        Type.Object(
          {
            code: Type.Union([Type.Literal('EN00'), Type.Literal('EN01')]),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
            messageFileName: SdiFileName,
            message: DocumentRef,
          },
          { additionalProperties: false },
        ),
      ),
      /** failed: SdI stayed unavailable (ES02, no answer) until the window closed, or refused the call with a fault. */
      failure: Type.Optional(
        Type.Object(
          {
            cause: Type.Union([Type.Literal('deadline_passed'), Type.Literal('sdi_fault')]),
            message: Type.String({ minLength: 1, maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
      ),
      attempts: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
)

export type InvoiceIncoming = ReturnType<typeof invoiceIncoming.create>
export type InvoiceIncomingData = Static<typeof invoiceIncoming.schema>['data']
export type InvoiceIncomingTermsExpired = ReturnType<typeof invoiceIncomingTermsExpired.create>
export type InvoiceIncomingTermsExpiredData = Static<typeof invoiceIncomingTermsExpired.schema>['data']
export type InvoiceOutcomeRequested = ReturnType<typeof invoiceOutcomeRequested.create>
export type InvoiceOutcomeRequestedData = Static<typeof invoiceOutcomeRequested.schema>['data']
export type InvoiceOutcomeSent = ReturnType<typeof invoiceOutcomeSent.create>
export type InvoiceOutcomeSentData = Static<typeof invoiceOutcomeSent.schema>['data']
