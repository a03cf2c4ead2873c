import type { Queryable } from '@varco/db'

// The only module that reads and writes idempotency keys.

export interface IdempotencyClaim {
  readonly tenantId: string
  readonly key: string
  readonly fingerprint: Buffer
  readonly invoiceId: string
  /** The response to replay for a retry: the one this request is about to give. */
  readonly response: unknown
  /** A key claimed before this has expired: it is claimed again, as if new (the purge may not have run yet). */
  readonly expiredBefore: Date
}

export type ClaimResult =
  { readonly kind: 'claimed' } | { readonly kind: 'taken'; readonly fingerprint: Buffer; readonly response: unknown }

/**
 * Claims an idempotency key inside the caller's transaction. A concurrent claim of the same key waits on the unique
 * index until the first transaction ends: if it committed, this one sees its row (`taken`); if it rolled back, this
 * one claims the key. No read-then-write, so 50 parallel requests with one key create one invoice.
 */
export async function claimIdempotencyKey(tx: Queryable, claim: IdempotencyClaim): Promise<ClaimResult> {
  const inserted = await tx.query(
    `INSERT INTO ingest.idempotency_keys (tenant_id, key, fingerprint, invoice_id, response)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, key) DO UPDATE
       SET fingerprint = EXCLUDED.fingerprint, invoice_id = EXCLUDED.invoice_id, response = EXCLUDED.response,
           created_at = now()
       WHERE idempotency_keys.created_at < $6`,
    [
      claim.tenantId,
      claim.key,
      claim.fingerprint,
      claim.invoiceId,
      JSON.stringify(claim.response),
      claim.expiredBefore,
    ],
  )
  if (inserted.rowCount === 1) return { kind: 'claimed' }
  const { rows } = await tx.query<{ fingerprint: Buffer; response: unknown }>(
    'SELECT fingerprint, response FROM ingest.idempotency_keys WHERE tenant_id = $1 AND key = $2',
    [claim.tenantId, claim.key],
  )
  const row = rows[0]
  // The row that blocked the insert is committed, hence visible to this new statement (READ COMMITTED).
  if (row === undefined) throw new Error('idempotency key conflict without a visible row')
  return { kind: 'taken', fingerprint: row.fingerprint, response: row.response }
}

/**
 * Deletes keys claimed before `expiredBefore`, at most `batch` per statement and statements until none is left, so
 * that a large backlog never holds one long transaction. Returns how many went.
 */
export async function purgeIdempotencyKeys(db: Queryable, expiredBefore: Date, batch = 1000): Promise<number> {
  let purged = 0
  for (;;) {
    const { rowCount } = await db.query(
      `DELETE FROM ingest.idempotency_keys WHERE (tenant_id, key) IN (
         SELECT tenant_id, key FROM ingest.idempotency_keys WHERE created_at < $1 LIMIT $2)`,
      [expiredBefore, batch],
    )
    purged += rowCount ?? 0
    if ((rowCount ?? 0) < batch) return purged
  }
}
