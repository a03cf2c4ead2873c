import Type, { type Static, type TSchema } from 'typebox'

/** Fields every event carries, whatever its type. Timestamps are ISO 8601; ids are UUIDs or SdI identifiers. */
export const EnvelopeHeader = Type.Object({
  id: Type.String({ format: 'uuid', description: 'Unique id of this event; consumers deduplicate on it' }),
  type: Type.String({ pattern: '^[a-z]+(\\.[a-z_]+)+$', description: 'Event type, e.g. invoice.received' }),
  version: Type.Integer({ minimum: 1, description: 'Schema version of data; a breaking change is a new version' }),
  occurredAt: Type.String({ format: 'date-time' }),
  source: Type.String({ minLength: 1, maxLength: 100, description: 'The service that emitted the event' }),
  tenantId: Type.String({ minLength: 1, maxLength: 100 }),
  invoiceId: Type.String({ minLength: 1, maxLength: 100, description: 'Aggregate id; also the Kafka message key' }),
  correlationId: Type.String({ minLength: 1, maxLength: 200, description: 'Shared by every event of one flow' }),
  causationId: Type.Optional(Type.String({ format: 'uuid', description: 'The id of the event that caused this one' })),
})

export type EnvelopeHeader = Static<typeof EnvelopeHeader>

/** The schema of an envelope whose type, version and data are fixed. */
export function envelopeSchema<Kind extends string, Version extends number, Data extends TSchema>(
  type: Kind,
  version: Version,
  data: Data,
) {
  return Type.Object(
    {
      ...EnvelopeHeader.properties,
      type: Type.Literal(type),
      version: Type.Literal(version),
      data,
    },
    { additionalProperties: false, $id: `${type}.v${version}` },
  )
}
