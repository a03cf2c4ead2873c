/** The default topic namespace; deployments sharing one cluster between environments set their own. */
export const DEFAULT_TOPIC_PREFIX = 'varco'

/**
 * Kafka topic of an event type: one topic per type and version (`varco.invoice.received.v1`), so each service reads
 * only what it handles and a breaking change gets a topic of its own.
 */
export function topicFor(type: string, version: number, prefix: string = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.${type}.v${version}`
}

/** Where a consumer parks the messages it cannot handle, with the reason in headers. */
export function deadLetterTopicFor(topic: string): string {
  return `${topic}.dlq`
}
