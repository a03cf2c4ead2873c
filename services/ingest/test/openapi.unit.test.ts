import { validate } from '@readme/openapi-parser'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startOfflineApp } from './helpers/offline-app.ts'

interface Media {
  readonly example?: unknown
  readonly examples?: unknown
  readonly schema?: { readonly examples?: unknown }
}
interface Operation {
  readonly requestBody?: { readonly content: Record<string, Media> }
  readonly responses: Record<string, { readonly content?: Record<string, Media> }>
}

let app: FastifyInstance
let document: {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown> }
}

beforeAll(async () => {
  app = await startOfflineApp()
  const response = await app.inject({ method: 'GET', url: '/openapi.json' })
  expect(response.statusCode).toBe(200)
  document = response.json()
})

afterAll(() => app?.close())

const hasExample = (media: Media | undefined) =>
  media !== undefined &&
  (media.example !== undefined || media.examples !== undefined || media.schema?.examples !== undefined)

describe('the OpenAPI document at /openapi.json', () => {
  it('is valid OpenAPI 3.1 according to @readme/openapi-parser', async () => {
    expect(document.openapi).toBe('3.1.0')
    const result = await validate(structuredClone(document) as never)
    expect(result).toMatchObject({ valid: true })
  })

  it('has an example for every operation, request and success response', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ id: `${method} ${path}`, operation })),
    )
    expect(operations.map((o) => o.id).sort()).toEqual(
      [
        'get /health/live',
        'get /health/ready',
        'get /v1/incoming-invoices',
        'get /v1/incoming-invoices/{id}',
        'get /v1/incoming-invoices/{id}/file',
        'get /v1/invoices',
        'get /v1/invoices/{id}',
        'get /v1/invoices/{id}/files/{which}',
        'get /v1/webhook-event-types',
        'get /v1/webhooks',
        'get /v1/webhooks/{id}',
        'get /v1/webhooks/{id}/deliveries',
        'get /v1/webhooks/{id}/deliveries/{deliveryId}',
        'patch /v1/webhooks/{id}',
        'post /v1/incoming-invoices/{id}/outcome',
        'post /v1/invoices',
        'post /v1/invoices/validate',
        'post /v1/invoices/{id}/resubmissions',
        'post /v1/webhooks',
        'post /v1/webhooks/{id}/deliveries/{deliveryId}/replay',
        'post /v1/webhooks/{id}/secret',
        'delete /v1/webhooks/{id}',
      ].sort(),
    )
    for (const { id, operation } of operations) {
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'))
      expect(success.length, id).toBeGreaterThan(0)
      // A 204 has no body to give an example of.
      if (success.every(([status]) => status === '204')) continue
      const responseExamples = success
        .flatMap(([, response]) => Object.values(response.content ?? {}))
        .filter(hasExample)
      expect(responseExamples.length, `${id}: response example`).toBeGreaterThan(0)
      if (operation.requestBody !== undefined) {
        const { content } = operation.requestBody
        if (content['application/xml'] !== undefined) {
          expect(hasExample(content['application/xml']), `${id}: XML example`).toBe(true)
        }
        expect(hasExample(content['application/json']), `${id}: JSON example`).toBe(true)
      }
    }
  })

  it('includes the FatturaPA JSON Schema and the problem document as components', () => {
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['FatturaElettronica', 'Problem']))
    expect(JSON.stringify(document.components.schemas.FatturaElettronica)).not.toMatch(/"xml[A-Z]/)
  })

  it('documents a problem response for every error status of the invoice routes', () => {
    const submit = document.paths['/v1/invoices']!.post!
    for (const status of ['400', '401', '409', '413', '415', '422', '429', '500', '503']) {
      expect(Object.keys(submit.responses[status]?.content ?? {}), status).toEqual(['application/problem+json'])
    }
  })

  it('documents the problems of the new routes: conflicts, mismatches, and the receipts service away', () => {
    const expected: Record<string, Record<string, readonly string[]>> = {
      '/v1/invoices/{id}/resubmissions': { post: ['404', '409', '422'] },
      '/v1/incoming-invoices/{id}/outcome': { post: ['404', '409', '422'] },
      '/v1/incoming-invoices/{id}/file': { get: ['400', '404'] },
      '/v1/webhooks': { post: ['422', '502', '503'], get: ['502', '503'] },
      '/v1/webhooks/{id}': { delete: ['404', '502', '503'] },
    }
    for (const [path, methods] of Object.entries(expected)) {
      for (const [method, statuses] of Object.entries(methods)) {
        const operation = document.paths[path]![method]!
        for (const status of statuses) {
          expect(Object.keys(operation.responses[status]?.content ?? {}), `${method} ${path} ${status}`).toEqual([
            'application/problem+json',
          ])
        }
      }
    }
  })

  it('serves interactive docs at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/html/)
  })
})
