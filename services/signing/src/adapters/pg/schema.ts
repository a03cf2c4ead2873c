import { resolve } from 'node:path'

/** The service's own schema: policies, identities, signings, its outbox, inbox and file-name counters. */
export const SIGNING_SCHEMA = 'signing'

/** The service's migrations, run into SIGNING_SCHEMA at start. */
export const signingMigrationsDir = resolve(import.meta.dirname, '../../../migrations')
