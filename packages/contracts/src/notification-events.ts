import Type, { type Static } from 'typebox'
import { defineEvent } from './define-event.ts'
import { DocumentRef } from './document-ref.ts'

const IdentificativoSdI = Type.String({ minLength: 1, maxLength: 36, description: 'SdI’s id of the invoice file' })
const SdiFileName = Type.String({ pattern: '^[A-Za-z0-9_.]{9,50}$' })

/** An invoice file's state at its transmitter (FACTS.md §8), as the receipts service's lifecycle decides it. */
export const LifecycleState = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('rejected'),
  Type.Literal('delivered'),
  Type.Literal('not_delivered'),
  Type.Literal('accepted'),
  Type.Literal('refused'),
  Type.Literal('terms_expired'),
  Type.Literal('undeliverable_attested'),
  Type.Literal('in_reserved_area'),
])

/** What the lifecycle made of a message: `state` is the file's state after it, whatever the decision. */
export const LifecycleOutcome = Type.Object(
  {
    decision: Type.Union([
      Type.Literal('transition'),
      Type.Literal('unchanged'),
      Type.Literal('stale'),
      Type.Literal('forbidden'),
    ]),
    from: LifecycleState,
    state: LifecycleState,
    /** Why a forbidden message cannot be explained by the flow; recorded and alerted, the state stays. */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    /**
     * The message's place among those about this file, from 1, in the order the lifecycle decided them: a
     * projection keeps the state of the highest sequence it has seen, whatever order the events reach it in.
     */
    sequence: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)

/** One error of an NS (NotificaScarto, RicevutaScarto), as SdI wrote it. */
export const SdiRejectionError = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{5}$' }),
    description: Type.String({ maxLength: 1000 }),
    /** FPR12 only (RicevutaScarto's Suggerimento). */
    suggestion: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)

/**
 * SdI sent a message about an invoice file this gateway transmitted (TrasmissioneFatture: RC, NS, MC, NE, DT, AT),
 * its signature was verified against SdI's certificate authority and its bytes stored. The envelope's invoiceId and
 * tenantId are those of the transmitted invoice.
 */
export const invoiceNotification = defineEvent(
  'invoice.notification',
  1,
  Type.Object(
    {
      kind: Type.Union([
        Type.Literal('NS'),
        Type.Literal('RC'),
        Type.Literal('MC'),
        Type.Literal('NE'),
        Type.Literal('DT'),
        Type.Literal('AT'),
      ]),
      identificativoSdI: IdentificativoSdI,
      /** The invoice file the message is about (its NomeFile). */
      invoiceFileName: SdiFileName,
      /** The message file's own name, e.g. IT01234567890_0000A_RC_001.xml. */
      messageFileName: SdiFileName,
      messageId: Type.Optional(Type.String({ maxLength: 36 })),
      /** When SdI received the invoice file (the message's DataOraRicezione), on the messages that carry it. */
      sdiReceivedAt: Type.Optional(Type.String({ format: 'date-time' })),
      /** When the receipts service took the call. */
      receivedAt: Type.String({ format: 'date-time' }),
      /** The signed message file as SdI sent it. */
      message: DocumentRef,
      /** NS: every error SdI found, in its order. */
      errors: Type.Optional(Type.Array(SdiRejectionError, { minItems: 1, maxItems: 200 })),
      /** NS: the last day to transmit the corrected file (five days from the NS, FACTS.md §7). */
      resubmitBy: Type.Optional(Type.String({ format: 'date' })),
      /** NE: the public administration's outcome. */
      outcome: Type.Optional(
        Type.Object(
          {
            esito: Type.Union([Type.Literal('EC01'), Type.Literal('EC02')]),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      ),
      /** RC: who the file was delivered to, and when. */
      delivery: Type.Optional(
        Type.Object(
          {
            deliveredAt: Type.String({ format: 'date-time' }),
            recipientCode: Type.Optional(Type.String({ maxLength: 7 })),
            recipientName: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      ),
      /** MC of an FPR12 file: since when it is in the buyer's reserved area. */
      inReservedAreaSince: Type.Optional(Type.String({ format: 'date-time' })),
      lifecycle: LifecycleOutcome,
    },
    { additionalProperties: false },
  ),
)

export type InvoiceNotification = ReturnType<typeof invoiceNotification.create>
export type InvoiceNotificationData = Static<typeof invoiceNotification.schema>['data']
export type LifecycleState = Static<typeof LifecycleState>
export type LifecycleOutcome = Static<typeof LifecycleOutcome>
export type SdiRejectionError = Static<typeof SdiRejectionError>
