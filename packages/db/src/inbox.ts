import type pg from 'pg'
import { schemaName } from './identifiers.ts'
import type { Queryable } from './pool.ts'
import { withTransaction } from './transaction.ts'

/**
 * Records that `consumer` applied `eventId`, inside the caller's transaction. Returns false when it was already
 * recorded: the caller then skips its effect. The row and the effect commit together, so a crash between them
 * leaves neither, and the redelivered event is applied once.
 */
export async function recordInInbox(
  tx: Queryable,
  schema: string,
  consumer: string,
  eventId: string,
): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO ${schemaName(schema)}.inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [consumer, eventId],
  )
  return result.rowCount === 1
}

export interface HandleOnceOptions {
  readonly schema: string
  /** The consumer's name (usually its group id): two consumers of one event each apply it once. */
  readonly consumer: string
  readonly eventId: string
}

/** Runs `effect` in a transaction unless this consumer already applied this event; says which happened. */
export async function handleOnce(
  pool: pg.Pool,
  { schema, consumer, eventId }: HandleOnceOptions,
  effect: (tx: pg.PoolClient) => Promise<void>,
): Promise<'applied' | 'duplicate'> {
  return withTransaction(pool, async (tx) => {
    if (!(await recordInInbox(tx, schema, consumer, eventId))) return 'duplicate'
    await effect(tx)
    return 'applied'
  })
}
