import { resolve } from 'node:path'
import { runner } from 'node-pg-migrate'
import type { Logger } from 'pino'
import { schemaName } from './identifiers.ts'

/** The migrations every service schema gets: outbox, inbox. */
export const platformMigrationsDir = resolve(import.meta.dirname, '../migrations')

export interface MigrateOptions {
  readonly databaseUrl: string
  /** The service's own schema; migrations run with it as search_path, so their SQL names tables unqualified. */
  readonly schema: string
  /** The service's migrations directory (SQL files with `-- Up Migration` / `-- Down Migration` sections). */
  readonly dir?: string
  readonly logger: Logger
  /** Also create the outbox and inbox tables (default); a schema that emits and consumes no events skips them. */
  readonly withOutbox?: boolean
}

async function run(options: MigrateOptions, dir: string, table: string): Promise<void> {
  const log = options.logger.child({ schema: options.schema, migrations: table })
  await runner({
    databaseUrl: options.databaseUrl,
    dir,
    schema: options.schema,
    createSchema: true,
    migrationsTable: table,
    direction: 'up',
    singleTransaction: true,
    checkOrder: true,
    // Several replicas may start at once: the second waits for the first's advisory lock instead of failing.
    advisoryLockMode: 'wait',
    logger: {
      debug: (msg: string) => log.debug(msg),
      info: (msg: string) => log.debug(msg),
      warn: (msg: string) => log.warn(msg),
      error: (msg: string) => log.error(msg),
    },
    verbose: false,
  })
}

/**
 * Brings a service's schema up to date: first the platform tables (outbox, inbox), then the service's own
 * migrations. Each set keeps its own history table, so both can number their files independently.
 */
export async function migrateSchema(options: MigrateOptions): Promise<void> {
  schemaName(options.schema)
  if (options.withOutbox ?? true) await run(options, platformMigrationsDir, 'platform_migrations')
  if (options.dir) await run(options, options.dir, 'migrations')
}
