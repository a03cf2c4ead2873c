import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { examples } from '../routes/invoices/examples.ts'

/** What readiness depends on. */
export interface ReadinessChecks {
  /** PostgreSQL answers. */
  readonly database: boolean
  /** The outbox relay is running (Kafka itself may be down: invoices are accepted and wait in the outbox). */
  readonly outboxRelay: boolean
}

export type Readiness = () => Promise<ReadinessChecks>

const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    checks: Type.Object({ database: Type.Boolean(), outboxRelay: Type.Boolean() }, { additionalProperties: false }),
  },
  { additionalProperties: false, examples: [examples.health] },
)

const Live = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false, examples: [{ status: 'ok' }] })

/** GET /health/live (the process answers) and /health/ready (it can accept invoices). No authentication. */
export const healthRoutes: FastifyPluginCallbackTypebox<{ readonly readiness: Readiness }> = (app, options, done) => {
  app.get(
    '/health/live',
    { schema: { tags: ['health'], summary: 'Liveness', security: [], response: { 200: Live } } },
    () => ({ status: 'ok' as const }),
  )
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: database reachable and outbox relay running',
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const checks = await options.readiness()
      const ready = checks.database && checks.outboxRelay
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks })
    },
  )
  done()
}
