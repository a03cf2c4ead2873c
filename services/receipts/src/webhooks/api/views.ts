import type { Attempt, Delivery, Subscription } from '../domain/subscription.ts'

// Domain records as the internal API writes them: ISO timestamps, absent rather than null, and nothing more (a
// subscription's tenant and a delivery's subscription are in the path already).

const iso = (date: Date | undefined) => date?.toISOString()

export function subscriptionView(subscription: Subscription) {
  return {
    id: subscription.id,
    url: subscription.url,
    description: subscription.description,
    eventTypes: [...subscription.eventTypes],
    enabled: subscription.enabled,
    disabledAt: iso(subscription.disabledAt),
    disabledReason: subscription.disabledReason,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  }
}

export function deliveryView(delivery: Delivery) {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    invoiceId: delivery.invoiceId,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: iso(delivery.nextAttemptAt),
    lastAttemptAt: iso(delivery.lastAttemptAt),
    lastResponseStatus: delivery.lastResponseStatus,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: iso(delivery.deliveredAt),
  }
}

export function attemptView(attempt: Attempt) {
  return {
    at: attempt.at.toISOString(),
    durationMs: attempt.durationMs,
    responseStatus: attempt.responseStatus,
    error: attempt.error,
  }
}

export function pageView<T, V>(
  page: { readonly items: readonly T[]; readonly nextCursor: string | undefined },
  view: (item: T) => V,
) {
  return { items: page.items.map(view), nextCursor: page.nextCursor }
}
