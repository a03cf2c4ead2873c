import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { WebhooksBadResponse, WebhooksNotConfigured } from '../../errors.ts'
import { principalOf } from '../../plugins/auth.ts'
import type { ProblemDocument } from '../../plugins/problems.ts'
import type { WebhookProxy, WebhookRequest, WebhookResponse } from '../../use-cases/webhook-proxy.ts'
import { problems } from '../invoices/schemas.ts'
import {
  CreateBody,
  Delivery,
  DeliveryDetail,
  DeliveryPage,
  DeliveryParams,
  DeliveryQuery,
  EventTypeList,
  PageQuery,
  PatchBody,
  SecretRotated,
  Subscription,
  SubscriptionCreated,
  SubscriptionPage,
  SubscriptionParams,
} from './schemas.ts'

export interface WebhookRoutesOptions {
  /** Undefined when webhooks are not configured: every route answers 503. */
  readonly proxy: WebhookProxy | undefined
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? value : fallback)

/** The receipts service's problem document, as this API writes problems: its code and words, our request. */
function upstreamProblem(request: FastifyRequest, upstream: WebhookResponse): ProblemDocument {
  const body = upstream.body as Record<string, unknown>
  const code = text(body.code, 'INGEST_ERR_WEBHOOKS_REFUSED')
  return {
    type: text(body.type, `urn:varco:error:${code}`),
    title: text(body.title, 'Webhook request refused'),
    status: upstream.status,
    detail: text(body.detail, 'The webhook request was refused'),
    instance: request.url.split('?', 1)[0]!,
    code,
    requestId: request.id,
  }
}

const tags = ['webhooks']
const id = (value: string) => encodeURIComponent(value)

/**
 * /v1/webhooks: the tenant's webhook subscriptions, kept by the receipts service (which delivers them) and reached
 * through its internal API for the key's tenant only. Statuses and bodies pass through; the receipts service's
 * failures become 502/503 problems, never a hang.
 */
export const webhookRoutes: FastifyPluginCallbackTypebox<WebhookRoutesOptions> = (app, { proxy }, done) => {
  async function relay(
    request: FastifyRequest,
    reply: FastifyReply,
    expected: number,
    call: (proxy: WebhookProxy, tenantId: string) => Promise<WebhookResponse>,
  ): Promise<void> {
    if (proxy === undefined) throw new WebhooksNotConfigured()
    const upstream = await call(proxy, principalOf(request).tenantId)
    if (upstream.problem) {
      await reply.code(upstream.status).type('application/problem+json').send(upstreamProblem(request, upstream))
      return
    }
    // Only the documented success status is serialized by its schema; another one is the receipts service's bug.
    if (upstream.status !== expected) throw new WebhooksBadResponse(`status ${upstream.status}, not ${expected}`)
    await (expected === 204 ? reply.code(204).send() : reply.code(expected).send(upstream.body))
  }
  const forward = (request: FastifyRequest, reply: FastifyReply, expected: number, call: WebhookRequest) =>
    relay(request, reply, expected, (p, tenantId) => p.forward(tenantId, call))
  const refusals = problems(400, 401, 404, 409, 422, 429, 502)

  app.get(
    '/v1/webhook-event-types',
    {
      schema: {
        tags,
        summary: 'The event types a subscription may name',
        response: { 200: EventTypeList, ...refusals },
      },
    },
    (request, reply) => relay(request, reply, 200, (p) => p.eventTypes()),
  )

  app.post(
    '/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the secret is shown only here',
        body: CreateBody,
        response: { 201: SubscriptionCreated, ...refusals },
      },
    },
    (request, reply) => forward(request, reply, 201, { method: 'POST', path: '', body: request.body }),
  )

  app.get(
    '/v1/webhooks',
    {
      schema: {
        tags,
        summary: "The tenant's subscriptions",
        querystring: PageQuery,
        response: { 200: SubscriptionPage, ...refusals },
      },
    },
    (request, reply) => forward(request, reply, 200, { method: 'GET', path: '', query: request.query }),
  )

  app.get(
    '/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'A subscription',
        params: SubscriptionParams,
        response: { 200: Subscription, ...refusals },
      },
    },
    (request, reply) => forward(request, reply, 200, { method: 'GET', path: `/${id(request.params.id)}` }),
  )

  app.patch(
    '/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a subscription; enabled: true re-enables one disabled after failures',
        params: SubscriptionParams,
        body: PatchBody,
        response: { 200: Subscription, ...refusals },
      },
    },
    (request, reply) =>
      forward(request, reply, 200, { method: 'PATCH', path: `/${id(request.params.id)}`, body: request.body }),
  )

  app.delete(
    '/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a subscription; its pending deliveries are dropped',
        params: SubscriptionParams,
        response: { 204: { description: 'Deleted', type: 'null' }, ...refusals },
      },
    },
    (request, reply) => forward(request, reply, 204, { method: 'DELETE', path: `/${id(request.params.id)}` }),
  )

  app.post(
    '/v1/webhooks/:id/secret',
    {
      schema: {
        tags,
        summary: 'Rotate the signing secret; for 24 h both secrets sign',
        params: SubscriptionParams,
        response: { 200: SecretRotated, ...refusals },
      },
    },
    (request, reply) => forward(request, reply, 200, { method: 'POST', path: `/${id(request.params.id)}/secret` }),
  )

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: "A subscription's deliveries, by status",
        params: SubscriptionParams,
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage, ...refusals },
      },
    },
    (request, reply) =>
      forward(request, reply, 200, {
        method: 'GET',
        path: `/${id(request.params.id)}/deliveries`,
        query: request.query,
      }),
  )

  app.get(
    '/v1/webhooks/:id/deliveries/:deliveryId',
    {
      schema: {
        tags,
        summary: 'A delivery with every attempt',
        params: DeliveryParams,
        response: { 200: DeliveryDetail, ...refusals },
      },
    },
    (request, reply) =>
      forward(request, reply, 200, {
        method: 'GET',
        path: `/${id(request.params.id)}/deliveries/${id(request.params.deliveryId)}`,
      }),
  )

  app.post(
    '/v1/webhooks/:id/deliveries/:deliveryId/replay',
    {
      schema: {
        tags,
        summary: 'Deliver the same message again (same webhook-id, fresh attempts)',
        params: DeliveryParams,
        response: { 202: Delivery, ...refusals },
      },
    },
    (request, reply) =>
      forward(request, reply, 202, {
        method: 'POST',
        path: `/${id(request.params.id)}/deliveries/${id(request.params.deliveryId)}/replay`,
      }),
  )
  done()
}
