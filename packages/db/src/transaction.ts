import type pg from 'pg'

/**
 * Runs `fn` in one transaction on one client (never `pool.query`, which may use a different client per statement).
 * Commits when `fn` resolves, rolls back when it throws, and always releases the client; a client whose rollback
 * failed is destroyed rather than returned to the pool in an unknown state.
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
    })
    throw err
  } finally {
    client.release(broken)
  }
}
