import { schemaName } from './identifiers.ts'
import type { Queryable } from './pool.ts'

/**
 * The next value (1, 2, 3, ...) of the counter `key` in `schema`, inside the caller's transaction. The row lock it
 * takes serialises concurrent callers across processes until their transactions end; a rolled-back value is handed
 * out again, so use it only for things that commit with it (a file name stored with the file).
 */
export async function nextInSequence(tx: Queryable, schema: string, key: string): Promise<bigint> {
  const { rows } = await tx.query<{ last_value: string }>(
    `INSERT INTO ${schemaName(schema)}.keyed_sequences AS s (sequence_key, last_value) VALUES ($1, 1)
     ON CONFLICT (sequence_key) DO UPDATE SET last_value = s.last_value + 1
     RETURNING last_value`,
    [key],
  )
  return BigInt(rows[0]!.last_value)
}
