import type { Kafka } from 'kafkajs'
import { deadLetterTopicFor } from '@varco/contracts'

export interface TopicSpec {
  readonly topic: string
  readonly partitions?: number
  /** Also create `<topic>.dlq`, where consumers park messages they cannot handle. */
  readonly withDeadLetter?: boolean
}

/**
 * Creates the topics that do not exist yet (existing ones are left as they are), waiting for their leaders.
 * Services call it at start-up rather than relying on broker-side auto-creation, which production clusters disable.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], replicationFactor = 1): Promise<void> {
  const topics = specs.flatMap(({ topic, partitions = 6, withDeadLetter = true }) => [
    { topic, numPartitions: partitions, replicationFactor },
    ...(withDeadLetter ? [{ topic: deadLetterTopicFor(topic), numPartitions: 1, replicationFactor }] : []),
  ])
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics, waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
}
