import rateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { RateLimited } from '../errors.ts'
import { requireApiKey } from '../plugins/auth.ts'
import type { Authenticate } from '../use-cases/authenticate.ts'
import type { IngestDeps } from '../use-cases/deps.ts'
import type { WebhookProxy } from '../use-cases/webhook-proxy.ts'
import { incomingRoutes } from './incoming/index.ts'
import { invoiceRoutes } from './invoices/index.ts'
import { webhookRoutes } from './webhooks/index.ts'

export interface ApiRoutesOptions {
  readonly deps: IngestDeps
  readonly authenticate: Authenticate
  readonly bodyLimit: number
  readonly rateLimit: { readonly max: number; readonly windowMs: number }
  /** The receipts service's webhook API; undefined when it is not configured (the routes answer 503). */
  readonly webhooks: WebhookProxy | undefined
}

/**
 * Every /v1 route: authenticated by API key and rate-limited per key here, once, so that a key's quota counts across
 * invoices, incoming invoices and webhooks.
 */
export const apiRoutes: FastifyPluginAsyncTypebox<ApiRoutesOptions> = async (app, options) => {
  requireApiKey(app, options.authenticate)
  await app.register(rateLimit, {
    max: options.rateLimit.max,
    timeWindow: options.rateLimit.windowMs,
    keyGenerator: (request) => request.principal?.keyId ?? request.ip,
    errorResponseBuilder: (_request, context) => new RateLimited(context.after),
  })
  await app.register(invoiceRoutes, { deps: options.deps, bodyLimit: options.bodyLimit })
  await app.register(incomingRoutes, { deps: options.deps })
  await app.register(webhookRoutes, { proxy: options.webhooks })
}
