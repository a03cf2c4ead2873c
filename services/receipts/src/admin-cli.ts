// The operator's command line: node --conditions=@varco/source services/receipts/src/admin-cli.ts <command> ...
// Reads DATABASE_URL like the service, brings the schema up to date, runs one command, prints JSON on stdout. The
// events it enqueues (held invoices released by a route) are published by the running service's outbox relay.
import { parseArgs } from 'node:util'
import Type from 'typebox'
import { commonConfigProperties, loadConfigOrExit } from '@varco/config'
import { createPool, migrateSchema } from '@varco/db'
import { createLogger } from '@varco/observability'
import { addRoute, heldList, removeRoute, routesList, type RoutesDeps } from './use-cases/routes.ts'

const SCHEMA = 'receipts'
const USAGE = `usage: admin-cli.ts <command>
  route add TENANT CODE [--vat IT01234567890 | --cf RSSMRA80A01H501U]
                              route invoices for CODE (and that buyer) to TENANT; releases the held ones it matches
  route list
  route remove ROUTE_ID
  held list                   incoming invoices not emitted: waiting for a route, or kept unverified or unreadable
`

const AdminConfig = Type.Object({
  DATABASE_URL: commonConfigProperties.DATABASE_URL,
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'warn' }),
})

type Run = (deps: RoutesDeps, args: readonly string[], options: { vat?: string; cf?: string }) => Promise<unknown>

const COMMANDS: Readonly<Record<string, Run>> = {
  'route add': (deps, [tenantId, codiceDestinatario], { vat, cf }) =>
    addRoute(deps, {
      tenantId: tenantId ?? '',
      codiceDestinatario: codiceDestinatario ?? '',
      vatNumber: vat,
      codiceFiscale: cf,
    }),
  'route list': (deps) => routesList(deps),
  'route remove': (deps, [id]) => removeRoute(deps, id ?? ''),
  'held list': (deps) => heldList(deps),
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { vat: { type: 'string' }, cf: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
})
const run = COMMANDS[positionals.slice(0, 2).join(' ')]
if (run === undefined || values.help === true) {
  process.stderr.write(USAGE)
  process.exit(values.help === true ? 0 : 64)
}

const config = loadConfigOrExit(AdminConfig, process.env)
const logger = createLogger({ name: 'receipts-admin', level: config.LOG_LEVEL })
await migrateSchema({
  databaseUrl: config.DATABASE_URL,
  schema: SCHEMA,
  dir: new URL('../migrations', import.meta.url).pathname,
  logger,
})
const pool = createPool({ connectionString: config.DATABASE_URL, max: 1, logger, applicationName: 'receipts-admin' })
try {
  const result = await run({ pool, schema: SCHEMA, source: 'receipts' }, positionals.slice(2), values)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
} catch (err) {
  const { code, message } = err as { code?: string; message?: string }
  process.stderr.write(`${code ?? 'ERROR'}: ${message ?? String(err)}\n`)
  process.exitCode = 1
} finally {
  await pool.end()
}
