import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { webhookEventTypes } from '../domain/event-types.ts'
import {
  CreateBody,
  DeliveriesQuery,
  DeliveryList,
  DeliveryParams,
  DeliveryWithLog,
  Delivery,
  EventTypeList,
  ListQuery,
  PatchBody,
  problemResponses,
  RotatedSecret,
  Subscription,
  SubscriptionList,
  SubscriptionParams,
  SubscriptionWithSecret,
  TenantParams,
} from './schemas.ts'
import type { WebhookUseCases } from './use-cases.ts'
import { attemptView, deliveryView, pageView, subscriptionView } from './views.ts'

const BASE = '/internal/tenants/:tenantId/webhooks'

/** The internal webhook API: one use-case call per route, every input and output under a schema. */
export const webhookRoutes: FastifyPluginCallbackTypebox<{ readonly useCases: WebhookUseCases }> = (
  app,
  { useCases },
  done,
) => {
  app.get(
    '/internal/webhook-event-types',
    { schema: { response: { 200: EventTypeList, ...problemResponses } } },
    () => ({
      items: [...webhookEventTypes],
    }),
  )

  app.post(
    BASE,
    {
      schema: {
        params: TenantParams,
        body: CreateBody,
        response: { 201: SubscriptionWithSecret, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { secret, ...created } = await useCases.create(request.params.tenantId, request.body)
      return reply.code(201).send({ ...subscriptionView(created), secret })
    },
  )
  app.get(
    BASE,
    {
      schema: {
        params: TenantParams,
        querystring: ListQuery,
        response: { 200: SubscriptionList, ...problemResponses },
      },
    },
    async (request) =>
      pageView(
        await useCases.list(request.params.tenantId, request.query.limit ?? 50, request.query.cursor),
        subscriptionView,
      ),
  )
  app.get(
    `${BASE}/:id`,
    { schema: { params: SubscriptionParams, response: { 200: Subscription, ...problemResponses } } },
    async (request) => subscriptionView(await useCases.get(request.params.tenantId, request.params.id)),
  )
  app.patch(
    `${BASE}/:id`,
    { schema: { params: SubscriptionParams, body: PatchBody, response: { 200: Subscription, ...problemResponses } } },
    async (request) =>
      subscriptionView(await useCases.update(request.params.tenantId, request.params.id, request.body)),
  )
  app.delete(
    `${BASE}/:id`,
    { schema: { params: SubscriptionParams, response: { 204: Type.Null(), ...problemResponses } } },
    async (request, reply) => {
      await useCases.remove(request.params.tenantId, request.params.id)
      return reply.code(204).send(null)
    },
  )
  app.post(
    `${BASE}/:id/secret`,
    { schema: { params: SubscriptionParams, response: { 200: RotatedSecret, ...problemResponses } } },
    async (request) => {
      const rotated = await useCases.rotateSecret(request.params.tenantId, request.params.id)
      return { secret: rotated.secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt.toISOString() }
    },
  )
  app.get(
    `${BASE}/:id/deliveries`,
    {
      schema: {
        params: SubscriptionParams,
        querystring: DeliveriesQuery,
        response: { 200: DeliveryList, ...problemResponses },
      },
    },
    async (request) => {
      const query = { ...request.query, limit: request.query.limit ?? 50 }
      return pageView(await useCases.deliveries(request.params.tenantId, request.params.id, query), deliveryView)
    },
  )
  app.get(
    `${BASE}/:id/deliveries/:deliveryId`,
    { schema: { params: DeliveryParams, response: { 200: DeliveryWithLog, ...problemResponses } } },
    async (request) => {
      const { tenantId, id, deliveryId } = request.params
      const { attemptLog, ...delivery } = await useCases.delivery(tenantId, id, deliveryId)
      return { ...deliveryView(delivery), attemptLog: attemptLog.map(attemptView) }
    },
  )
  app.post(
    `${BASE}/:id/deliveries/:deliveryId/replay`,
    { schema: { params: DeliveryParams, response: { 202: Delivery, ...problemResponses } } },
    async (request, reply) => {
      const { tenantId, id, deliveryId } = request.params
      return reply.code(202).send(deliveryView(await useCases.replay(tenantId, id, deliveryId)))
    },
  )
  done()
}
