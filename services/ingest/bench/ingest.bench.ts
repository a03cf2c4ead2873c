// Benchmark: accepted invoices per second on POST /v1/invoices (~10 KB XML), beside a bare Fastify route that stores
// the same body durably in one PostgreSQL INSERT and answers 202; same run, same database, interleaved rounds.
// Run: . deploy/env.sh && pnpm --filter @varco/ingest-service bench   (DATABASE_URL: a server to create a database on)
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import autocannon from 'autocannon'
import { createPool, migrateSchema } from '@varco/db'
import { documentsMigrationsDir, documentsSchema } from '@varco/documents'
import { createLogger } from '@varco/observability'
import { createTestDatabase, startNodeProcess, validNumbers } from '@varco/testing'
import { ingestAdmin } from '../src/admin.ts'
import { INGEST_SCHEMA, ingestMigrationsDir } from '../src/adapters/pg/schema.ts'
import { invoiceTemplate } from './inputs.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const GOAL = 0.7

const logger = createLogger({ name: 'ingest-bench', level: 'warn' })
const db = await createTestDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
const keys = `k1:${randomBytes(32).toString('base64')}`
await migrateSchema({
  databaseUrl: db.url,
  schema: documentsSchema,
  dir: documentsMigrationsDir,
  logger,
  withOutbox: false,
})
await migrateSchema({ databaseUrl: db.url, schema: INGEST_SCHEMA, dir: ingestMigrationsDir, logger })
const pool = createPool({ connectionString: db.url, max: 2, logger })
await pool.query(
  'CREATE TABLE bench_reference (id uuid PRIMARY KEY, body bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
)
const admin = ingestAdmin(pool)
const tenant = await admin.createTenant('Bench')
await admin.addTransmitter(tenant.id, `IT${validNumbers.transmitter}`)
const { key } = await admin.createKey(tenant.id)

const servers = startNodeProcess(resolve(import.meta.dirname, 'servers.ts'), {
  BENCH_DATABASE_URL: db.url,
  BENCH_DOCUMENT_KEYS: keys,
})
const { ports } = JSON.parse(await servers.waitForLine((line) => line.startsWith('{"ports"'))) as {
  ports: { ingest: string; reference: string }
}

const template = invoiceTemplate(10_000)
let sequence = 0

interface Target {
  readonly name: string
  readonly url: string
  readonly headers: (n: number) => Record<string, string>
}

const targets: Target[] = [
  {
    name: 'reference: bare Fastify + one INSERT',
    url: `http://127.0.0.1:${ports.reference}/reference`,
    headers: () => ({}),
  },
  {
    name: '(diagnostic) reference + parseFattura',
    url: `http://127.0.0.1:${ports.reference}/reference/parse`,
    headers: () => ({}),
  },
  {
    name: '(diagnostic) reference + parseFattura + documents.put, one transaction',
    url: `http://127.0.0.1:${ports.reference}/reference/parse-store`,
    headers: () => ({}),
  },
  {
    name: 'POST /v1/invoices',
    url: `http://127.0.0.1:${ports.ingest}/v1/invoices`,
    headers: () => ({ authorization: `Bearer ${key}` }),
  },
  {
    name: 'POST /v1/invoices + Idempotency-Key',
    url: `http://127.0.0.1:${ports.ingest}/v1/invoices`,
    headers: (n) => ({ authorization: `Bearer ${key}`, 'idempotency-key': `bench-${n}` }),
  },
]

interface Measure {
  readonly rate: number
  readonly p99: number
  readonly failed: number
  /** CPU of the servers' process per accepted invoice, µs: steadier than the rate on a shared machine. */
  readonly cpu: number
}

async function measure(target: Target, seconds: number): Promise<Measure> {
  let reported = false
  const pid = servers.child.pid!
  const cpuBefore = cpuMicros(pid)
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/xml' },
    requests: [
      {
        onResponse: (status, body) => {
          if (status !== 202 && !reported) {
            reported = true
            process.stderr.write(`${target.name}: ${status} ${body}\n`)
          }
        },
        setupRequest: (request) => {
          const n = ++sequence
          return { ...request, body: template.unique(n), headers: { ...request.headers, ...target.headers(n) } }
        },
      },
    ],
  })
  const accepted = result.statusCodeStats?.['202']?.count ?? 0
  return {
    rate: accepted / result.duration,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors,
    cpu: (cpuMicros(pid) - cpuBefore) / Math.max(accepted, 1),
  }
}

/** CPU time (user + system, every thread) of a process so far, in µs, from /proc (Linux). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1_000_000) / 100 // USER_HZ is 100 on Linux
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

try {
  for (const target of targets) await measure(target, 2) // warm-up: JIT, pools, caches
  const rates = new Map<string, number[]>(targets.map((t) => [t.name, []]))
  const p99s = new Map<string, number[]>(targets.map((t) => [t.name, []]))
  const cpus = new Map<string, number[]>(targets.map((t) => [t.name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const { rate, p99, failed, cpu } = await measure(target, SECONDS)
      if (failed > 0) throw new Error(`${target.name}: ${failed} requests not accepted`)
      rates.get(target.name)!.push(rate)
      p99s.get(target.name)!.push(p99)
      cpus.get(target.name)!.push(cpu)
    }
  }
  const reference = median(rates.get(targets[0]!.name)!)
  const lines = [
    `ingest benchmark: ${template.size} B XML, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, median of rounds`,
    '| target | accepted/s | p99 ms | ratio to reference | server CPU µs/invoice |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...targets.map((target) => {
      const rate = median(rates.get(target.name)!)
      const p99 = median(p99s.get(target.name)!).toFixed(1)
      const cpu = median(cpus.get(target.name)!).toFixed(0)
      return `| ${target.name} | ${rate.toFixed(0)} | ${p99} | ${(rate / reference).toFixed(2)} | ${cpu} |`
    }),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  const ratio = median(rates.get('POST /v1/invoices')!) / reference
  process.stdout.write(`POST /v1/invoices at ${(ratio * 100).toFixed(0)} % of the reference (goal ≥ ${GOAL * 100} %)\n`)
} finally {
  await servers.kill()
  await pool.end()
  await db.drop()
}
