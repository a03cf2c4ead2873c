// The operator's command line: node --conditions=@varco/source services/ingest/src/admin-cli.ts <command> ...
// Reads DATABASE_URL like the service, brings the schema up to date, runs one command, prints JSON on stdout.
import { parseArgs } from 'node:util'
import Type from 'typebox'
import { commonConfigProperties, loadConfigOrExit } from '@varco/config'
import { createPool, migrateSchema } from '@varco/db'
import { createLogger } from '@varco/observability'
import { ingestAdmin, type IngestAdmin } from './admin.ts'
import { INGEST_SCHEMA, ingestMigrationsDir } from './adapters/pg/schema.ts'

const USAGE = `usage: admin-cli.ts <command>
  tenant create NAME [--id ID]          a tenant (id: a slug of the name unless given)
  tenant list
  transmitter add TENANT IT01234567890  allow a transmitter (IdPaese + IdCodice) in the tenant's files
  transmitter remove TENANT IT01234567890
  transmitter list TENANT
  key create TENANT [--label TEXT]      a new API key: printed once on stdout, only its hash is kept
  key list TENANT
  key revoke KEY_ID                     refused within AUTH_CACHE_TTL_MS (5 s) on every replica
`

const AdminConfig = Type.Object({
  DATABASE_URL: commonConfigProperties.DATABASE_URL,
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'warn' }),
})

type Run = (admin: IngestAdmin, args: readonly string[], options: { id?: string; label?: string }) => Promise<unknown>

const COMMANDS: Readonly<Record<string, Run>> = {
  'tenant create': (admin, [name], { id }) => admin.createTenant(name ?? '', id),
  'tenant list': (admin) => admin.listTenants(),
  'transmitter add': async (admin, [tenant, transmitter]) => {
    await admin.addTransmitter(tenant ?? '', transmitter ?? '')
    return { tenantId: tenant, transmitter, added: true }
  },
  'transmitter remove': async (admin, [tenant, transmitter]) => ({
    tenantId: tenant,
    transmitter,
    removed: await admin.removeTransmitter(tenant ?? '', transmitter ?? ''),
  }),
  'transmitter list': (admin, [tenant]) => admin.listTransmitters(tenant ?? ''),
  'key create': async (admin, [tenant], { label }) => {
    const { key, record } = await admin.createKey(tenant ?? '', label)
    process.stderr.write(`API key ${record.id} for tenant ${record.tenantId}: shown once, store it now.\n`)
    return key
  },
  'key list': (admin, [tenant]) => admin.listKeys(tenant ?? ''),
  'key revoke': (admin, [id]) => admin.revokeKey(id ?? ''),
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { id: { type: 'string' }, label: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
})
const run = COMMANDS[positionals.slice(0, 2).join(' ')]
if (run === undefined || values.help === true) {
  process.stderr.write(USAGE)
  process.exit(values.help === true ? 0 : 64)
}

const config = loadConfigOrExit(AdminConfig, process.env)
const logger = createLogger({ name: 'ingest-admin', level: config.LOG_LEVEL })
await migrateSchema({ databaseUrl: config.DATABASE_URL, schema: INGEST_SCHEMA, dir: ingestMigrationsDir, logger })
const pool = createPool({ connectionString: config.DATABASE_URL, max: 1, logger, applicationName: 'ingest-admin' })
try {
  const result = await run(ingestAdmin(pool), positionals.slice(2), values)
  process.stdout.write(`${typeof result === 'string' ? result : JSON.stringify(result, null, 2)}\n`)
} catch (err) {
  const { code, message } = err as { code?: string; message?: string }
  process.stderr.write(`${code ?? 'ERROR'}: ${message ?? String(err)}\n`)
  process.exitCode = 1
} finally {
  await pool.end()
}
