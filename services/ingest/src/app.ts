import { randomUUID } from 'node:crypto'
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from '@varco/observability'
import { healthRoutes, type Readiness } from './plugins/health.ts'
import { openapiPlugin } from './plugins/openapi.ts'
import { problemsPlugin } from './plugins/problems.ts'
import { apiRoutes } from './routes/api.ts'
import type { Authenticate } from './use-cases/authenticate.ts'
import type { IngestDeps } from './use-cases/deps.ts'
import type { WebhookProxy } from './use-cases/webhook-proxy.ts'

export interface AppOptions {
  readonly deps: IngestDeps
  readonly authenticate: Authenticate
  readonly readiness: Readiness
  /** The service logger; request logs are its children. */
  readonly logger: Logger
  readonly bodyLimit: number
  readonly rateLimit: { readonly max: number; readonly windowMs: number }
  /** The receipts service's webhook API (RECEIPTS_INTERNAL_URL); without it /v1/webhooks answers 503. */
  readonly webhooks?: WebhookProxy | undefined
}

/**
 * The HTTP API: error handling, OpenAPI (before the routes, so that it sees them), health, the /v1 routes. Never listens:
 * server.ts does, tests use inject().
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = options.logger
  const app = Fastify({
    loggerInstance,
    bodyLimit: options.bodyLimit,
    genReqId: () => randomUUID(),
    // Finish requests in flight at close; idle keep-alive connections are closed at once.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  app.decorateRequest('principal', null)

  await app.register(problemsPlugin, { bodyLimit: options.bodyLimit })
  await app.register(openapiPlugin)
  await app.register(healthRoutes, { readiness: options.readiness })
  await app.register(apiRoutes, {
    deps: options.deps,
    authenticate: options.authenticate,
    bodyLimit: options.bodyLimit,
    rateLimit: options.rateLimit,
    webhooks: options.webhooks,
  })
  return app
}
