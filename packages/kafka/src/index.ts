export { ensureTopics, type TopicSpec } from './admin.ts'
export { backoffDelay, type BackoffPolicy } from './backoff.ts'
export { createKafkaClient, type KafkaClientOptions } from './client.ts'
export { consumeEvents, type EventConsumerOptions } from './consume-events.ts'
export {
  runConsumer,
  type ConsumerOptions,
  type MessageContext,
  type RetryPolicy,
  type RunningConsumer,
} from './consumer.ts'
export { deadLetterOf } from './dead-letter.ts'
export { InvalidEvent, MalformedEvent } from './errors.ts'
export { eventDecoder, type Decoded, type EventOfDefinitions } from './event-decoder.ts'
export type { IncomingMessage } from './incoming-message.ts'
export { pinoLogCreator } from './log-creator.ts'
export { createPublisher, type OutgoingMessage, type Publisher } from './publisher.ts'
