import pg from 'pg'
import type { Logger } from 'pino'

export interface PoolOptions {
  readonly connectionString: string
  readonly max?: number
  readonly logger: Logger
  /** Shown in pg_stat_activity, so an operator can tell the services' connections apart. */
  readonly applicationName?: string
}

/** What a query needs: a pool for one-off statements, a client inside a transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>

/**
 * The one pool of a process. An idle client's error (the server restarted, a network blip) is logged, not thrown:
 * pg would otherwise crash the process with an unhandled 'error' event, and the pool replaces the client anyway.
 */
export function createPool({ connectionString, max = 10, logger, applicationName }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  })
  pool.on('error', (err) => logger.warn({ err }, 'idle database client failed'))
  return pool
}
