import { randomUUID } from 'node:crypto'
import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { envelopeSchema, type EnvelopeHeader } from './envelope.ts'
import { topicFor } from './topics.ts'

/** What a producer supplies; id and occurredAt are filled in when omitted. */
export type EventInput<Data> = Omit<EnvelopeHeader, 'id' | 'type' | 'version' | 'occurredAt'> & {
  readonly id?: string
  readonly occurredAt?: string
  readonly data: Data
}

/** One validation failure of an event, with a JSON pointer into the envelope. */
export interface EventSchemaIssue {
  readonly path: string
  readonly message: string
}

/** An event type: its schema, compiled validator, topic, and a factory for well-formed envelopes. */
export interface EventDefinition<Kind extends string, Version extends number, Data extends TSchema> {
  readonly type: Kind
  readonly version: Version
  readonly topic: string
  readonly schema: ReturnType<typeof envelopeSchema<Kind, Version, Data>>
  /** Builds an envelope; does not validate (producers validate in tests, consumers at the edge). */
  create(input: EventInput<Static<Data>>): EventOf<Kind, Version, Static<Data>>
  /** Returns the issues of a decoded value, or an empty list when it is a valid event of this type. */
  check(value: unknown): readonly EventSchemaIssue[]
}

/** Any event definition, for code that handles several types. */
export type AnyEventDefinition = EventDefinition<string, number, TSchema>

export type EventOf<Kind extends string, Version extends number, Data> = EnvelopeHeader & {
  readonly type: Kind
  readonly version: Version
  readonly data: Data
}

/** Declares an event type, e.g. `defineEvent('invoice.received', 1, Type.Object({ ... }))`. */
export function defineEvent<const Kind extends string, const Version extends number, Data extends TSchema>(
  type: Kind,
  version: Version,
  data: Data,
): EventDefinition<Kind, Version, Data> {
  const schema = envelopeSchema(type, version, data)
  const validator = Compile(schema)
  return {
    type,
    version,
    topic: topicFor(type, version),
    schema,
    create: (input) => ({
      ...input,
      id: input.id ?? randomUUID(),
      occurredAt: input.occurredAt ?? new Date().toISOString(),
      type,
      version,
    }),
    check: (value) =>
      validator.Check(value)
        ? []
        : validator.Errors(value).map((error) => ({ path: error.instancePath || '/', message: error.message })),
  }
}
