import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import type { DocumentStore } from '@varco/documents'
import { createLogger } from '@varco/observability'
import { buildApp } from '../../src/app.ts'

/**
 * The app without a database, for what needs none (the OpenAPI document, refusals before any query): the pool and
 * the document store throw if anything reaches them.
 */
export async function startOfflineApp(): Promise<FastifyInstance> {
  const unreachable = () => {
    throw new Error('no database in this test')
  }
  const app = await buildApp({
    deps: {
      pool: { query: unreachable, connect: unreachable } as unknown as pg.Pool,
      documents: { put: unreachable, get: unreachable, has: unreachable, rewrap: unreachable } satisfies DocumentStore,
      trust: undefined,
      now: () => new Date(),
      wakeRelay: () => undefined,
    },
    authenticate: async () => undefined,
    readiness: async () => ({ database: true, outboxRelay: true }),
    logger: createLogger({ name: 'ingest-test', level: 'silent' }),
    bodyLimit: 5 * 1024 * 1024,
    rateLimit: { max: 1000, windowMs: 60_000 },
  })
  await app.ready()
  return app
}
