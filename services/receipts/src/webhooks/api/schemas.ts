import Type from 'typebox'

// The internal API's JSON schemas (the contract in the receipts README). Responses have a schema for every status:
// serialization drops any field not listed, so no column (a sealed secret, a failure counter) can leak.

export const TenantParams = Type.Object({ tenantId: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,99}$' }) })
const Uuid = Type.String({ format: 'uuid' })
export const SubscriptionParams = Type.Object({ ...TenantParams.properties, id: Uuid })
export const DeliveryParams = Type.Object({ ...SubscriptionParams.properties, deliveryId: Uuid })

const Url = Type.String({ minLength: 1, maxLength: 2048 })
const Description = Type.String({ maxLength: 500 })
const EventTypes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })
const Timestamp = Type.String({ format: 'date-time' })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 50 })
const Cursor = Type.String({ minLength: 1, maxLength: 500 })

export const CreateBody = Type.Object(
  { url: Url, description: Type.Optional(Description), eventTypes: Type.Optional(EventTypes) },
  { additionalProperties: false },
)
export const PatchBody = Type.Object(
  {
    url: Type.Optional(Url),
    description: Type.Optional(Description),
    eventTypes: Type.Optional(EventTypes),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
export const ListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
)
export const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')])
export const DeliveriesQuery = Type.Object(
  { status: Type.Optional(DeliveryStatus), limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
)

export const Subscription = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: Type.Optional(Type.String()),
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabledAt: Type.Optional(Timestamp),
  disabledReason: Type.Optional(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export const SubscriptionWithSecret = Type.Object({ ...Subscription.properties, secret: Type.String() })
export const SubscriptionList = Type.Object({
  items: Type.Array(Subscription),
  nextCursor: Type.Optional(Type.String()),
})
export const RotatedSecret = Type.Object({ secret: Type.String(), previousSecretExpiresAt: Timestamp })

export const Delivery = Type.Object({
  id: Uuid,
  webhookId: Type.String(),
  eventId: Uuid,
  eventType: Type.String(),
  invoiceId: Type.Optional(Type.String()),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Type.Optional(Timestamp),
  lastAttemptAt: Type.Optional(Timestamp),
  lastResponseStatus: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  createdAt: Timestamp,
  deliveredAt: Type.Optional(Timestamp),
})
export const Attempt = Type.Object({
  at: Timestamp,
  /** While the attempt is in flight: absent. */
  durationMs: Type.Optional(Type.Integer()),
  responseStatus: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.String()),
})
export const DeliveryWithLog = Type.Object({ ...Delivery.properties, attemptLog: Type.Array(Attempt) })
export const DeliveryList = Type.Object({ items: Type.Array(Delivery), nextCursor: Type.Optional(Type.String()) })
export const EventTypeList = Type.Object({ items: Type.Array(Type.String()) })

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.String(),
  code: Type.String(),
  requestId: Type.String(),
  issues: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
})

/** Problem documents for the statuses every route may answer with. */
export const problemResponses = {
  400: Problem,
  401: Problem,
  404: Problem,
  413: Problem,
  415: Problem,
  422: Problem,
  500: Problem,
  503: Problem,
} as const
