import pg from 'pg'
import { pino } from 'pino'
import { inject } from 'vitest'
import { createPool, migrateSchema } from '@varco/db'
import { createTestDatabase } from '@varco/testing'
import { documentsMigrationsDir, documentsSchema } from '../src/document-store.ts'

/** A database of this test file's own, migrated; `pool` for stores, `sql` for reading rows as an attacker would. */
export interface DocumentsDatabase {
  readonly pool: pg.Pool
  readonly sql: pg.Client
  close(): Promise<void>
}

export async function setUpDocumentsDatabase(): Promise<DocumentsDatabase> {
  const logger = pino({ level: 'silent' })
  const db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({
    databaseUrl: db.url,
    schema: documentsSchema,
    dir: documentsMigrationsDir,
    logger,
    withOutbox: false,
  })
  const pool = createPool({ connectionString: db.url, logger })
  const sql = new pg.Client({ connectionString: db.url })
  await sql.connect()
  return {
    pool,
    sql,
    async close() {
      await sql.end()
      await pool.end()
      await db.drop()
    },
  }
}
