import { resolve } from 'node:path'

/** The service's own schema: tenants, keys, transmitters, the invoice view, idempotency keys, outbox and inbox. */
export const INGEST_SCHEMA = 'ingest'

/** The service's migrations, run into INGEST_SCHEMA at start. */
export const ingestMigrationsDir = resolve(import.meta.dirname, '../../../migrations')
