import { invoiceEvents, invoiceOutcomeRequested } from '@varco/contracts'

/**
 * The notice a tenant's other subscriptions get when one of its subscriptions is disabled after sustained failure
 * (the failing endpoint itself is the one place it cannot reach). Not a Kafka event: the webhook part makes it.
 */
export const WEBHOOK_DISABLED = 'webhook.disabled'

/** The Kafka events delivered as webhooks: every invoice event but invoice.outcome_requested, an internal command. */
export const deliveredEvents = invoiceEvents.filter(
  (event): event is Exclude<(typeof invoiceEvents)[number], typeof invoiceOutcomeRequested> =>
    event.type !== invoiceOutcomeRequested.type,
)

/** Every type a subscription may name, in a stable order: the invoice events, then the webhook's own notice. */
export const webhookEventTypes: readonly string[] = Object.freeze([
  ...deliveredEvents.map((event) => event.type),
  WEBHOOK_DISABLED,
])

const known = new Set(webhookEventTypes)

/** The first of `types` no subscription may name; undefined when every one is known. */
export function unknownEventType(types: readonly string[]): string | undefined {
  return types.find((type) => !known.has(type))
}

/** Whether a subscription listening to `eventTypes` (empty: every type) gets events of `type`. */
export function subscribesTo(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.length === 0 || eventTypes.includes(type)
}
