import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { withTransaction } from '@varco/db'
import { attemptsOf, findDelivery, listDeliveries, replayDelivery } from '../adapters/pg/deliveries.ts'
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  lockSecret,
  storeRotatedSecret,
  updateSubscription,
} from '../adapters/pg/subscriptions.ts'
import { decodeCursor, encodeCursor } from '../domain/cursor.ts'
import { refusedUrl, type DestinationPolicy } from '../domain/destination.ts'
import { unknownEventType, webhookEventTypes } from '../domain/event-types.ts'
import { generateSecret } from '../domain/signature.ts'
import type { DeliveryStatus, Page, SubscriptionPatch } from '../domain/subscription.ts'
import { DeliveryNotFound, WebhookEventTypeUnknown, WebhookNotFound, WebhookUrlInvalid } from '../errors.ts'
import type { SecretBox } from '../secret-box.ts'

export interface WebhookApiDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly secrets: SecretBox
  readonly destinations: DestinationPolicy
  /** How long a rotated-out secret still signs. */
  readonly secretOverlapMs: number
  readonly now: () => Date
  /** Wakes the delivery workers (a replay or a re-enabled subscription has deliveries due now). */
  readonly wake: () => void
}

function checkUrl(deps: WebhookApiDeps, url: string | undefined): void {
  const refused = url === undefined ? undefined : refusedUrl(deps.destinations, url)
  if (refused !== undefined) throw new WebhookUrlInvalid(refused)
}

function checkEventTypes(eventTypes: readonly string[] | undefined): string[] | undefined {
  if (eventTypes === undefined) return undefined
  const unknown = unknownEventType(eventTypes)
  if (unknown !== undefined) throw new WebhookEventTypeUnknown(unknown, webhookEventTypes.join(', '))
  return [...new Set(eventTypes)]
}

function withCursor<T>(page: Page<T>) {
  return { items: page.items, nextCursor: page.next && encodeCursor(page.next) }
}

/** The internal API's use-cases, each scoped to one tenant: no query reaches another tenant's rows. */
export function webhookUseCases(deps: WebhookApiDeps) {
  const { pool, schema } = deps
  const mustFind = async (tenantId: string, id: string) => {
    const found = await findSubscription(pool, schema, tenantId, id)
    if (found === undefined) throw new WebhookNotFound(id)
    return found
  }
  const mustFindDelivery = async (tenantId: string, id: string, deliveryId: string) => {
    await mustFind(tenantId, id)
    const found = await findDelivery(pool, schema, tenantId, id, deliveryId)
    if (found === undefined) throw new DeliveryNotFound(deliveryId)
    return found
  }
  return {
    async create(tenantId: string, input: { url: string; description?: string; eventTypes?: string[] }) {
      checkUrl(deps, input.url)
      const eventTypes = checkEventTypes(input.eventTypes) ?? []
      const id = randomUUID()
      const secret = generateSecret()
      const sealed = deps.secrets.seal(secret, id, 'current')
      const row = { id, tenantId, url: input.url, description: input.description, eventTypes, secret: sealed }
      const subscription = await insertSubscription(pool, schema, row, deps.now())
      return { ...subscription, secret }
    },
    async list(tenantId: string, limit: number, cursor: string | undefined) {
      const position = cursor === undefined ? undefined : decodeCursor(cursor)
      return withCursor(await listSubscriptions(pool, schema, tenantId, limit, position))
    },
    get: mustFind,
    async update(tenantId: string, id: string, patch: SubscriptionPatch) {
      checkUrl(deps, patch.url)
      const checked = { ...patch, eventTypes: checkEventTypes(patch.eventTypes) }
      const updated = await withTransaction(pool, (tx) =>
        updateSubscription(tx, schema, tenantId, id, checked, deps.now()),
      )
      if (updated === undefined) throw new WebhookNotFound(id)
      if (patch.enabled === true) deps.wake()
      return updated
    },
    async remove(tenantId: string, id: string) {
      if (!(await deleteSubscription(pool, schema, tenantId, id))) throw new WebhookNotFound(id)
    },
    async rotateSecret(tenantId: string, id: string) {
      const now = deps.now()
      const secret = generateSecret()
      const previousSecretExpiresAt = new Date(now.getTime() + deps.secretOverlapMs)
      await withTransaction(pool, async (tx) => {
        const current = await lockSecret(tx, schema, tenantId, id)
        if (current === undefined) throw new WebhookNotFound(id)
        const previous = deps.secrets.seal(deps.secrets.open(current, id, 'current'), id, 'previous')
        const rotated = {
          current: deps.secrets.seal(secret, id, 'current'),
          previous,
          previousExpiresAt: previousSecretExpiresAt,
        }
        await storeRotatedSecret(tx, schema, id, rotated, now)
      })
      return { secret, previousSecretExpiresAt }
    },
    async deliveries(
      tenantId: string,
      id: string,
      query: { status?: DeliveryStatus | undefined; limit: number; cursor?: string | undefined },
    ) {
      await mustFind(tenantId, id)
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
      const page = await listDeliveries(pool, schema, {
        tenantId,
        subscriptionId: id,
        status: query.status,
        limit: query.limit,
        cursor,
      })
      return withCursor(page)
    },
    async delivery(tenantId: string, id: string, deliveryId: string) {
      const delivery = await mustFindDelivery(tenantId, id, deliveryId)
      return { ...delivery, attemptLog: await attemptsOf(pool, schema, deliveryId) }
    },
    async replay(tenantId: string, id: string, deliveryId: string) {
      const original = await mustFindDelivery(tenantId, id, deliveryId)
      const replayId = await replayDelivery(pool, schema, original, deps.now())
      deps.wake()
      const replayed = await findDelivery(pool, schema, tenantId, id, replayId)
      return replayed!
    },
  }
}

export type WebhookUseCases = ReturnType<typeof webhookUseCases>
