import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { inject, onTestFinished } from 'vitest'
import { createPool, migrateSchema } from '@varco/db'
import {
  createDocumentStore,
  documentsMigrationsDir,
  documentsSchema,
  parseKeyring,
  type DocumentStore,
} from '@varco/documents'
import { createLogger, type Logger } from '@varco/observability'
import { createTestDatabase, validNumbers, type TestDatabase } from '@varco/testing'
import { ingestAdmin, type IngestAdmin } from '../../src/admin.ts'
import { INGEST_SCHEMA, ingestMigrationsDir } from '../../src/adapters/pg/schema.ts'
import { buildApp, type AppOptions } from '../../src/app.ts'
import { authenticateWith } from '../../src/use-cases/authenticate.ts'

export const silentLogger: Logger = createLogger({ name: 'ingest-test', level: 'silent' })

/** A database of its own with the documents and ingest schemas migrated. */
export interface IngestDatabase {
  readonly db: TestDatabase
  readonly pool: pg.Pool
  readonly documents: DocumentStore
  readonly admin: IngestAdmin
  readonly keys: string
  close(): Promise<void>
}

export async function createIngestDatabase(): Promise<IngestDatabase> {
  const db = await createTestDatabase(inject('databaseUrl'))
  const databaseUrl = db.url
  const logger = silentLogger
  await migrateSchema({ databaseUrl, schema: documentsSchema, dir: documentsMigrationsDir, logger, withOutbox: false })
  await migrateSchema({ databaseUrl, schema: INGEST_SCHEMA, dir: ingestMigrationsDir, logger })
  const pool = createPool({ connectionString: databaseUrl, max: 20, logger })
  const keys = `k1:${randomBytes(32).toString('base64')}`
  const documents = createDocumentStore({ pool, keyring: parseKeyring(keys, 'k1') })
  return {
    db,
    pool,
    documents,
    admin: ingestAdmin(pool),
    keys,
    async close() {
      await pool.end()
      await db.drop()
    },
  }
}

/** A tenant holding the samples' transmitter, and a key of it. */
export interface TestTenant {
  readonly id: string
  readonly key: string
  readonly keyId: string
  readonly auth: { readonly authorization: string }
}

let tenants = 0

export async function createTenant(
  admin: IngestAdmin,
  transmitters: readonly string[] = [`IT${validNumbers.transmitter}`],
): Promise<TestTenant> {
  const tenant = await admin.createTenant(`Tenant ${++tenants} ${randomBytes(4).toString('hex')}`)
  for (const transmitter of transmitters) await admin.addTransmitter(tenant.id, transmitter)
  const { key, record } = await admin.createKey(tenant.id)
  return { id: tenant.id, key, keyId: record.id, auth: { authorization: `Bearer ${key}` } }
}

/** The app over a test database, closed when the test (or file, in beforeAll) ends. */
export async function startApp(
  database: IngestDatabase,
  overrides: Partial<AppOptions> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    deps: {
      pool: database.pool,
      documents: database.documents,
      trust: undefined,
      now: () => new Date(),
      wakeRelay: () => undefined,
    },
    // Every request looks its key up, so a revocation shows at the next request.
    authenticate: authenticateWith(database.pool, { cacheTtlMs: 0 }),
    readiness: async () => ({ database: true, outboxRelay: true }),
    logger: silentLogger,
    bodyLimit: 5 * 1024 * 1024,
    rateLimit: { max: 100_000, windowMs: 60_000 },
    ...overrides,
  })
  await app.ready()
  return app
}

/** Closes the app at the end of the current test. */
export function closeAfterTest(app: FastifyInstance): void {
  onTestFinished(() => app.close())
}
