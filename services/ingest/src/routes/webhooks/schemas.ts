import Type from 'typebox'
import { webhookExamples as examples } from './examples.ts'

// The HTTP shapes of /v1/webhooks, as the receipts service's internal API defines them (briefs/internal-api.md).
// Response schemas are the serializers too: a field the receipts service adds never leaks unannounced.

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description === undefined ? {} : { description }) })

const Url = Type.String({
  format: 'uri',
  maxLength: 2000,
  description: 'https:// (http:// only where the operator allows it, for development)',
})
const EventTypes = Type.Array(Type.String({ maxLength: 100 }), {
  maxItems: 50,
  description: 'Event types to receive (GET /v1/webhook-event-types); empty: every type',
})
const Description = Type.String({ maxLength: 500 })

const subscriptionProperties = {
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  description: Type.Optional(Type.String()),
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean({ description: 'False once disabled after repeated failures; PATCH enabled: true' }),
  disabledAt: Type.Optional(dateTime()),
  disabledReason: Type.Optional(Type.String()),
  createdAt: dateTime(),
  updatedAt: dateTime(),
}

export const Subscription = Type.Object(subscriptionProperties, {
  additionalProperties: false,
  examples: [examples.subscription],
})

export const SubscriptionCreated = Type.Object(
  {
    ...subscriptionProperties,
    secret: Type.String({ description: 'whsec_...: shown only now; verifies the webhook-signature header' }),
  },
  { additionalProperties: false, examples: [examples.created] },
)

export const SubscriptionPage = Type.Object(
  { items: Type.Array(Subscription), nextCursor: Type.Optional(Type.String()) },
  { additionalProperties: false, examples: [examples.subscriptionPage] },
)

export const SecretRotated = Type.Object(
  {
    secret: Type.String(),
    previousSecretExpiresAt: dateTime('Until then both secrets sign (two v1 entries in webhook-signature)'),
  },
  { additionalProperties: false, examples: [examples.rotated] },
)

const deliveryProperties = {
  id: Type.String({ format: 'uuid' }),
  webhookId: Type.String({ description: 'The webhook-id header: the same for a replay of one message' }),
  eventId: Type.String(),
  eventType: Type.String(),
  invoiceId: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Optional(dateTime()),
  lastAttemptAt: Type.Optional(dateTime()),
  lastResponseStatus: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  createdAt: dateTime(),
  deliveredAt: Type.Optional(dateTime()),
}

export const Delivery = Type.Object(deliveryProperties, {
  additionalProperties: false,
  examples: [examples.delivery],
})

export const DeliveryDetail = Type.Object(
  {
    ...deliveryProperties,
    attemptLog: Type.Array(
      Type.Object(
        {
          at: dateTime(),
          durationMs: Type.Integer(),
          responseStatus: Type.Optional(Type.Integer()),
          error: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, examples: [examples.deliveryDetail] },
)

export const DeliveryPage = Type.Object(
  { items: Type.Array(Delivery), nextCursor: Type.Optional(Type.String()) },
  { additionalProperties: false, examples: [examples.deliveryPage] },
)

export const EventTypeList = Type.Object(
  { items: Type.Array(Type.String()) },
  { additionalProperties: false, examples: [examples.eventTypes] },
)

export const CreateBody = Type.Object(
  { url: Url, description: Type.Optional(Description), eventTypes: Type.Optional(EventTypes) },
  { additionalProperties: false, examples: [examples.create] },
)

export const PatchBody = Type.Object(
  {
    url: Type.Optional(Url),
    description: Type.Optional(Description),
    eventTypes: Type.Optional(EventTypes),
    enabled: Type.Optional(Type.Boolean({ description: 'true re-enables a subscription disabled after failures' })),
  },
  { additionalProperties: false, minProperties: 1, examples: [examples.patch] },
)

const limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 }))
const cursor = Type.Optional(Type.String({ minLength: 1, maxLength: 500 }))

export const PageQuery = Type.Object({ limit, cursor }, { additionalProperties: false })

export const DeliveryQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')])),
    limit,
    cursor,
  },
  { additionalProperties: false },
)

export const SubscriptionParams = Type.Object({ id: Type.String({ pattern: UUID, description: 'Subscription id' }) })

export const DeliveryParams = Type.Object({
  id: Type.String({ pattern: UUID }),
  deliveryId: Type.String({ pattern: UUID }),
})
