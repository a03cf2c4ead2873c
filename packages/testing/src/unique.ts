import { randomUUID } from 'node:crypto'

/** A topic name no other test uses: tests never share topics or consumer groups. */
export function uniqueTopic(prefix = 'test'): string {
  return `${prefix}.${randomUUID()}`
}

/** A consumer group id no other test uses. */
export function uniqueGroup(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`
}
