import { randomUUID } from 'node:crypto'
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from '@varco/observability'
import { bearerGuard } from './auth.ts'
import { internalProblemsPlugin } from './problems.ts'
import { webhookRoutes } from './routes.ts'
import type { WebhookUseCases } from './use-cases.ts'

export interface InternalAppOptions {
  readonly useCases: WebhookUseCases
  readonly token: string
  readonly logger: Logger
}

/**
 * The receipts service's internal HTTP API (webhook subscriptions, for the ingest service to proxy): problem
 * documents, the bearer token on every route, then the routes. Never listens: start.ts does, tests use inject().
 */
export async function buildInternalApp(options: InternalAppOptions): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = options.logger
  const app = Fastify({
    loggerInstance,
    bodyLimit: 64 * 1024,
    genReqId: () => randomUUID(),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Above the longest valid tenant id (100), so that a longer one meets its schema and gets a problem document.
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  await app.register(internalProblemsPlugin)
  app.addHook('onRequest', bearerGuard(options.token))
  await app.register(webhookRoutes, { useCases: options.useCases })
  return app
}
