import { topicFor, type AnyEventDefinition } from '@varco/contracts'
import { runConsumer, type ConsumerOptions, type RunningConsumer } from './consumer.ts'
import { eventDecoder, type EventOfDefinitions } from './event-decoder.ts'

export interface EventConsumerOptions<Defs extends readonly AnyEventDefinition[]> extends Omit<
  ConsumerOptions<EventOfDefinitions<Defs>>,
  'decode' | 'topics'
> {
  /** The event types this consumer handles; messages of other types on its topics are skipped. */
  readonly events: Defs
  /** Defaults to the topics of `events` (see topicFor). */
  readonly topics?: readonly string[]
  /** Topic namespace when `topics` is not given. */
  readonly topicPrefix?: string
}

/**
 * Consumes the given event types: subscribes to their topics, validates each message against its schema, and calls
 * `handle` with the typed union of those events. See runConsumer for retries, dead letters and commits.
 */
export function consumeEvents<const Defs extends readonly AnyEventDefinition[]>(
  options: EventConsumerOptions<Defs>,
): Promise<RunningConsumer> {
  const { events, topics, topicPrefix, ...rest } = options
  const subscribed = topics ?? [...new Set(events.map((event) => topicFor(event.type, event.version, topicPrefix)))]
  return runConsumer({ ...rest, topics: subscribed, decode: eventDecoder(events) })
}
