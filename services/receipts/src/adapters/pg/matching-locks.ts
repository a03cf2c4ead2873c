import type { Queryable } from '@varco/db'

/**
 * Serialises, until the transaction ends, everyone who matches messages to files by these keys: a message that finds
 * no file yet and the event that makes the file known take the same lock, so one of them always sees the other's
 * commit and nothing stays held for ever. Taken in sorted order so that two takers never deadlock.
 */
export async function lockMatching(tx: Queryable, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`receipts:${key}`])
  }
}

export const byIdentificativo = (identificativoSdI: string): string => `id:${identificativoSdI}`
export const byFileName = (fileName: string): string => `name:${fileName}`
