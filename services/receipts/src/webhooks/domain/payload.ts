import type { InvoiceEvent } from '@varco/contracts'
import { WEBHOOK_DISABLED } from './event-types.ts'

/** A message as every subscription of a tenant gets it: one webhook-id and one body, whatever the attempt. */
export interface WebhookMessage {
  /** The webhook-id header: receivers deduplicate on it, so it is the same for every attempt and every replay. */
  readonly id: string
  readonly tenantId: string
  readonly eventId: string
  readonly eventType: string
  readonly invoiceId: string | undefined
  /** The exact bytes POSTed and signed. */
  readonly body: string
}

/** The webhook-id of an event: derived from the event's id, so a redelivered event yields the same message. */
export function webhookIdOf(eventId: string): string {
  return `msg_${eventId.replaceAll('-', '')}`
}

/** The message of an invoice event: {type, timestamp, data: {invoiceId, tenantId, correlationId, ...data}}. */
export function messageOfEvent(event: Exclude<InvoiceEvent, { type: 'invoice.outcome_requested' }>): WebhookMessage {
  const data = {
    invoiceId: event.invoiceId,
    tenantId: event.tenantId,
    correlationId: event.correlationId,
    ...event.data,
  }
  return {
    id: webhookIdOf(event.id),
    tenantId: event.tenantId,
    eventId: event.id,
    eventType: event.type,
    invoiceId: event.invoiceId,
    body: JSON.stringify({ type: event.type, timestamp: event.occurredAt, data }),
  }
}

/** What the webhook.disabled notice says about the subscription that was disabled. */
export interface DisabledSubscription {
  readonly tenantId: string
  readonly subscriptionId: string
  readonly url: string
  readonly disabledAt: Date
  readonly reason: string
}

/** The webhook.disabled notice, sent to the tenant's other subscriptions that listen to it. */
export function messageOfDisabling(notice: DisabledSubscription, noticeId: string): WebhookMessage {
  const data = {
    tenantId: notice.tenantId,
    subscriptionId: notice.subscriptionId,
    url: notice.url,
    disabledAt: notice.disabledAt.toISOString(),
    reason: notice.reason,
  }
  return {
    id: webhookIdOf(noticeId),
    tenantId: notice.tenantId,
    eventId: noticeId,
    eventType: WEBHOOK_DISABLED,
    invoiceId: undefined,
    body: JSON.stringify({ type: WEBHOOK_DISABLED, timestamp: data.disabledAt, data }),
  }
}
