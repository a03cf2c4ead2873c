// The benchmark's servers, in a process of their own (the load generator must not share their event loop): the
// ingest API as server.ts builds it (minus Kafka: the API never waits for it), and the reference, a bare Fastify
// route that stores the same body in one INSERT. Both on one database, pools of the same size.
import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { createPool, withTransaction } from '@varco/db'
import { createDocumentStore, parseKeyring } from '@varco/documents'
import { parseFattura } from '@varco/fatturapa'
import { createLogger } from '@varco/observability'
import { buildApp } from '../src/app.ts'
import { authenticateWith } from '../src/use-cases/authenticate.ts'

const url = process.env.BENCH_DATABASE_URL ?? ''
const keys = process.env.BENCH_DOCUMENT_KEYS ?? ''
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10)
const logger = createLogger({ name: 'ingest-bench', level: 'warn' })

const ingestPool = createPool({ connectionString: url, max: poolSize, logger })
const documents = createDocumentStore({ pool: ingestPool, keyring: parseKeyring(keys, 'k1') })
const ingest = await buildApp({
  deps: {
    pool: ingestPool,
    documents,
    trust: undefined,
    now: () => new Date(),
    wakeRelay: () => undefined,
  },
  authenticate: authenticateWith(ingestPool, { cacheTtlMs: 5_000 }),
  readiness: () => Promise.resolve({ database: true, outboxRelay: true }),
  logger,
  bodyLimit: 5 * 1024 * 1024,
  rateLimit: { max: 100_000_000, windowMs: 60_000 },
})

const referencePool = createPool({ connectionString: url, max: poolSize, logger })
const reference = Fastify({ bodyLimit: 5 * 1024 * 1024 })
reference.removeAllContentTypeParsers()
reference.addContentTypeParser('application/xml', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
reference.post('/reference', async (request, reply) => {
  const id = randomUUID()
  await referencePool.query('INSERT INTO bench_reference (id, body) VALUES ($1, $2)', [id, request.body])
  return reply.code(202).send({ id })
})

// Diagnostics: what the work ingest must do costs on its own. Reading the file (the parse the transmitter check and
// the 400 for malformed XML need), then also storing it encrypted in one transaction with a row.
reference.post('/reference/parse', async (request, reply) => {
  parseFattura(request.body as Buffer)
  await referencePool.query('INSERT INTO bench_reference (id, body) VALUES ($1, $2)', [randomUUID(), request.body])
  return reply.code(202).send({ id: randomUUID() })
})
reference.post('/reference/parse-store', async (request, reply) => {
  parseFattura(request.body as Buffer)
  const id = randomUUID()
  await withTransaction(referencePool, async (tx) => {
    const ref = await documents.put(request.body as Buffer, 'application/xml', tx)
    await tx.query('INSERT INTO bench_reference (id, body) VALUES ($1, $2)', [id, Buffer.from(ref.sha256)])
  })
  return reply.code(202).send({ id })
})

const ports = {
  ingest: new URL(await ingest.listen({ host: '127.0.0.1', port: 0 })).port,
  reference: new URL(await reference.listen({ host: '127.0.0.1', port: 0 })).port,
}
process.stdout.write(`${JSON.stringify({ ports })}\n`)
process.once('SIGTERM', () => {
  void Promise.all([ingest.close(), reference.close()])
    .then(() => Promise.all([ingestPool.end(), referencePool.end()]))
    .then(() => process.exit(0))
})
