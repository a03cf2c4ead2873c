import { deadLetterTopicFor } from '@varco/contracts'
import { errorCode, errorMessage } from '@varco/errors'
import type { IncomingMessage } from './incoming-message.ts'
import type { OutgoingMessage } from './publisher.ts'

/**
 * The dead letter of a message: its bytes and headers unchanged (so it can be replayed as it was), plus why and
 * where it failed. Header names are stable: the ops view and replay tooling read them.
 */
export function deadLetterOf(message: IncomingMessage, groupId: string, err: unknown, now: Date): OutgoingMessage {
  return {
    topic: deadLetterTopicFor(message.topic),
    key: message.key ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: {
      ...message.headers,
      'dlq-error-code': errorCode(err),
      'dlq-error-message': errorMessage(err).slice(0, 2_000),
      'dlq-original-topic': message.topic,
      'dlq-original-partition': String(message.partition),
      'dlq-original-offset': message.offset,
      'dlq-consumer-group': groupId,
      'dlq-failed-at': now.toISOString(),
    },
  }
}
