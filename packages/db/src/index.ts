export { handleOnce, recordInInbox, type HandleOnceOptions } from './inbox.ts'
export { schemaName } from './identifiers.ts'
export { nextInSequence } from './keyed-sequence.ts'
export { migrateSchema, platformMigrationsDir, type MigrateOptions } from './migrate.ts'
export {
  enqueueEvents,
  eventMessage,
  outboxChannel,
  outboxRowOf,
  type EnqueueOptions,
  type OutboxMessage,
  type OutboxRow,
} from './outbox.ts'
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type PublishBatch } from './outbox-relay.ts'
export { createPool, type PoolOptions, type Queryable } from './pool.ts'
export { withTransaction } from './transaction.ts'
