import type pg from 'pg'
import { withTransaction } from '@varco/db'
import { byFileName, byIdentificativo, lockMatching } from '../adapters/pg/matching-locks.ts'
import { outboundFile } from '../adapters/pg/outbound-files.ts'
import { decideHeld, type DecideContext, type DecidedMessage } from './decide-held.ts'

export interface ReleaseDeps extends DecideContext {
  readonly pool: pg.Pool
}

/**
 * Decides the messages that waited for an invoice's file, now that an event told more about it. Its own
 * transaction, after the event's: the matching locks are taken before the file's row, in the order the message
 * intake takes them, so that a message arriving meanwhile is either seen here or sees the file.
 */
export async function releaseHeld(deps: ReleaseDeps, invoiceId: string): Promise<DecidedMessage[]> {
  return withTransaction(deps.pool, async (tx) => {
    const seen = await outboundFile(tx, deps.schema, invoiceId)
    if (seen?.formato === undefined) return []
    const keys = [
      ...(seen.identificativoSdI === undefined ? [] : [byIdentificativo(seen.identificativoSdI)]),
      ...(seen.fileName === undefined ? [] : [byFileName(seen.fileName)]),
    ]
    if (keys.length === 0) return []
    await lockMatching(tx, keys)
    const file = await outboundFile(tx, deps.schema, invoiceId, true)
    return file === undefined ? [] : decideHeld(tx, deps, file)
  })
}
