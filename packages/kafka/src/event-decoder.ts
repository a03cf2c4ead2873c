import type { AnyEventDefinition } from '@varco/contracts'
import { InvalidEvent, MalformedEvent } from './errors.ts'
import type { IncomingMessage } from './incoming-message.ts'

/** A decoded message: an event this consumer handles, or one it skips (a type or version it does not know). */
export type Decoded<Event> =
  | { readonly kind: 'event'; readonly event: Event }
  | { readonly kind: 'skipped'; readonly type: string; readonly version: number }

/** The union of the envelopes a list of definitions describes. */
export type EventOfDefinitions<Defs extends readonly AnyEventDefinition[]> = ReturnType<Defs[number]['create']>

function parseJson(value: Buffer | null): Record<string, unknown> {
  if (value === null) throw new MalformedEvent('empty message')
  let parsed: unknown
  try {
    parsed = JSON.parse(value.toString('utf8'))
  } catch (err) {
    throw new MalformedEvent('not JSON', { cause: err })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new MalformedEvent('not an object')
  return parsed as Record<string, unknown>
}

/**
 * Decodes messages into the events of `definitions`, validating each with its compiled schema. Unknown types and
 * versions are skipped (producers evolve first); malformed or invalid messages throw non-retriable coded errors,
 * which the consumer turns into dead letters.
 */
export function eventDecoder<const Defs extends readonly AnyEventDefinition[]>(
  definitions: Defs,
): (message: IncomingMessage) => Decoded<EventOfDefinitions<Defs>> {
  const byKey = new Map(definitions.map((definition) => [`${definition.type}@${definition.version}`, definition]))
  return (message) => {
    const body = parseJson(message.value)
    const type = typeof body.type === 'string' ? body.type : (message.headers['event-type'] ?? '')
    const version = typeof body.version === 'number' ? body.version : Number(message.headers['event-version'])
    const definition = byKey.get(`${type}@${version}`)
    if (!definition) return { kind: 'skipped', type, version }
    const issues = definition.check(body)
    if (issues.length > 0) {
      const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')
      throw new InvalidEvent(`${type} v${version}`, summary)
    }
    return { kind: 'event', event: body as EventOfDefinitions<Defs> }
  }
}
