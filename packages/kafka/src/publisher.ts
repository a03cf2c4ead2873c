import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs'

/** A message to publish; the outbox rows of @varco/db have this shape. */
export interface OutgoingMessage {
  readonly topic: string
  readonly key: string
  readonly value: string | Buffer
  readonly headers: Readonly<Record<string, string>>
}

export interface Publisher {
  connect(): Promise<void>
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  publish(messages: readonly OutgoingMessage[]): Promise<void>
  disconnect(): Promise<void>
}

function byTopic(messages: readonly OutgoingMessage[]): Map<string, Message[]> {
  const grouped = new Map<string, Message[]>()
  for (const { topic, key, value, headers } of messages) {
    let list = grouped.get(topic)
    if (!list) grouped.set(topic, (list = []))
    list.push({ key, value, headers: { ...headers } })
  }
  return grouped
}

/**
 * An idempotent producer (acks from all in-sync replicas, one request in flight, broker-side de-duplication of
 * its own retries), keyed by invoice id through the default murmur2 partitioner, as the Java client does.
 */
export function createPublisher(kafka: Kafka): Publisher {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  })
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async publish(messages) {
      if (messages.length === 0) return
      const topicMessages = [...byTopic(messages)].map(([topic, list]) => ({ topic, messages: list }))
      await producer.sendBatch({ topicMessages, acks: -1 })
    },
  }
}
