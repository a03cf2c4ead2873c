import Fastify, { type FastifyInstance } from 'fastify'
import type pg from 'pg'
import type { Faults, FaultMode, NotificationFaults } from './faults.ts'
import type { SimulatedClock } from './clock.ts'

export interface ControlDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly faults: Faults
  readonly notificationFaults: NotificationFaults
  readonly clock: SimulatedClock
}

const scriptBody = {
  type: 'object',
  required: ['scope', 'match', 'delivery', 'esito'],
  additionalProperties: false,
  properties: {
    scope: { enum: ['file', 'recipient'] },
    match: { type: 'string', minLength: 1, maxLength: 50 },
    delivery: { enum: ['deliver', 'undeliverable', 'deliver-late'] },
    esito: { enum: ['EC01', 'EC02', 'none'] },
  },
} as const

const faultBody = {
  type: 'object',
  required: ['mode'],
  additionalProperties: false,
  properties: {
    mode: { enum: ['none', 'unavailable', 'ei02'] },
    delayMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    calls: { type: 'integer', minimum: 1 },
  },
} as const

/**
 * The simulator's control API (plain HTTP, bind it to loopback): choose outcomes, inject faults, move time, and
 * read what the simulator received and sent. Meant for tests and demos; it has no authentication.
 */
export function buildControlApi(deps: ControlDeps): FastifyInstance {
  const app = Fastify({ logger: false })
  const { schema } = deps

  app.get('/control/stats', async () => {
    const { rows } = await deps.pool.query<{ received: number; accepted: number; duplicate_names: number }>(
      `SELECT count(*)::int AS received, count(*) FILTER (WHERE accepted)::int AS accepted,
              count(*) FILTER (WHERE errors @> '[{"code":"00002"}]')::int AS duplicate_names
         FROM ${schema}.received_files`,
    )
    const stats = rows[0]!
    return { received: stats.received, accepted: stats.accepted, refusedAsDuplicateName: stats.duplicate_names }
  })

  app.get<{ Querystring: { name?: string } }>('/control/files', async (request) => {
    const { rows } = await deps.pool.query<Record<string, unknown>>(
      `SELECT f.identificativo_sdi AS "identificativoSdI", f.file_name AS "fileName", f.received_at AS "receivedAt",
              f.accepted, f.formato, f.recipient_code AS "recipientCode",
              (SELECT coalesce(jsonb_agg(e->>'code'), '[]') FROM jsonb_array_elements(f.errors) e) AS "errorCodes",
              (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', m.kind, 'fileName', m.message_file_name,
                        'dueAt', m.due_at, 'sentAt', m.sent_at, 'attempts', m.attempts) ORDER BY m.due_at, m.id), '[]')
                 FROM ${schema}.outgoing_messages m WHERE m.identificativo_sdi = f.identificativo_sdi) AS messages
         FROM ${schema}.received_files f
        WHERE $1::text IS NULL OR f.file_name = $1
        ORDER BY f.identificativo_sdi`,
      [request.query.name ?? null],
    )
    return rows
  })

  app.put<{ Body: { scope: string; match: string; delivery: string; esito: string } }>(
    '/control/scripts',
    { schema: { body: scriptBody } },
    async (request, reply) => {
      const { scope, match, delivery, esito } = request.body
      await deps.pool.query(
        `INSERT INTO ${schema}.outcome_scripts VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope, match) DO UPDATE SET delivery = EXCLUDED.delivery, esito = EXCLUDED.esito`,
        [scope, match, delivery, esito],
      )
      return reply.code(204).send()
    },
  )

  app.put<{ Body: { code: string; name: string; endpoint?: string } }>(
    '/control/recipients',
    {
      schema: {
        body: {
          type: 'object',
          required: ['code', 'name'],
          additionalProperties: false,
          properties: {
            code: { type: 'string', pattern: '^[A-Z0-9]{6,7}$' },
            name: { type: 'string', minLength: 1 },
            endpoint: { type: 'string', pattern: '^https://' },
          },
        },
      },
    },
    async (request, reply) => {
      await deps.pool.query(
        `INSERT INTO ${schema}.recipients (code, name, endpoint) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, endpoint = EXCLUDED.endpoint`,
        [request.body.code, request.body.name, request.body.endpoint ?? null],
      )
      return reply.code(204).send()
    },
  )

  app.put<{ Body: { mode: FaultMode; delayMs?: number; calls?: number } }>(
    '/control/faults',
    { schema: { body: faultBody } },
    (request, reply) => {
      deps.faults.mode = request.body.mode
      deps.faults.delayMs = request.body.delayMs ?? 0
      deps.faults.remaining = request.body.calls
      return reply.send(deps.faults)
    },
  )

  app.put<{ Body: { duplicate?: boolean; reverse?: boolean } }>(
    '/control/notification-faults',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { duplicate: { type: 'boolean' }, reverse: { type: 'boolean' } },
        },
      },
    },
    (request, reply) => {
      deps.notificationFaults.duplicate = request.body.duplicate ?? false
      deps.notificationFaults.reverse = request.body.reverse ?? false
      return reply.send(deps.notificationFaults)
    },
  )

  app.post<{ Body: { advanceMs: number } }>(
    '/control/clock',
    {
      schema: {
        body: {
          type: 'object',
          required: ['advanceMs'],
          additionalProperties: false,
          properties: { advanceMs: { type: 'integer', minimum: 0 } },
        },
      },
    },
    (request, reply) => {
      deps.clock.advance(request.body.advanceMs)
      return reply.send({ now: deps.clock.now().toISOString() })
    },
  )

  return app
}
