import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { FatturaElettronica } from '@varco/fatturapa'
import { ingestErrorCodes } from '../errors.ts'
import { Problem } from '../routes/invoices/schemas.ts'

/** The FatturaPA model as a JSON Schema component, without the XML codec's own annotations (xml*). */
export function fatturaComponent(): Record<string, unknown> {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip)
    if (typeof value !== 'object' || value === null) return value
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/^xml[A-Z]/.test(key))
        .map(([key, item]) => [key, strip(item)]),
    )
  }
  return {
    ...(strip(FatturaElettronica) as Record<string, unknown>),
    $id: 'FatturaElettronica',
    description: 'A FatturaPA 1.2.x invoice file (FPA12 or FPR12) as JSON: elements as properties, in schema order',
  }
}

const DESCRIPTION = `Submit FatturaPA invoices for validation, signing and transmission to SdI, and follow them.

Authenticate with \`Authorization: Bearer vk_live_...\` (keys come from the operator). Errors are RFC 9457
\`application/problem+json\` documents with a stable \`code\`: ${ingestErrorCodes().join(', ')}.`

/**
 * OpenAPI 3.1 generated from the route schemas (registered before the routes), served as /openapi.json, with
 * interactive docs at /docs. Shared schemas: Problem and the FatturaElettronica model.
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    app.addSchema(Problem)
    app.addSchema(fatturaComponent())
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Varco ingest API', version: '1.0.0', description: DESCRIPTION },
        components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'vk_live_...' } } },
        security: [{ apiKey: [] }],
        tags: [
          { name: 'invoices', description: 'Submit and follow invoices' },
          { name: 'incoming invoices', description: 'Invoices SdI delivered to the tenant, and its outcome on them' },
          { name: 'webhooks', description: 'Subscriptions to events, delivered by the gateway to your URL' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
      },
      // Components keep their $id as their name (#/components/schemas/Problem), not def-0.
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) || `def-${i}` },
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger())
  },
  { name: 'openapi' },
)
