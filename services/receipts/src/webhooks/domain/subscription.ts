/** A webhook subscription as the internal API shows it (never its secret). */
export interface Subscription {
  readonly id: string
  readonly tenantId: string
  readonly url: string
  readonly description: string | undefined
  /** Empty: every type. */
  readonly eventTypes: readonly string[]
  readonly enabled: boolean
  readonly disabledAt: Date | undefined
  readonly disabledReason: string | undefined
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A change through PATCH; absent fields stay as they are. */
export interface SubscriptionPatch {
  readonly url?: string | undefined
  readonly description?: string | undefined
  readonly eventTypes?: readonly string[] | undefined
  readonly enabled?: boolean | undefined
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

/** One delivery of one message to one subscription. */
export interface Delivery {
  readonly id: string
  readonly subscriptionId: string
  readonly webhookId: string
  readonly eventId: string
  readonly eventType: string
  readonly invoiceId: string | undefined
  readonly status: DeliveryStatus
  readonly attempts: number
  readonly nextAttemptAt: Date | undefined
  readonly lastAttemptAt: Date | undefined
  readonly lastResponseStatus: number | undefined
  readonly lastError: string | undefined
  readonly createdAt: Date
  readonly deliveredAt: Date | undefined
}

/** One attempt of a delivery; duration undefined while it is in flight. */
export interface Attempt {
  readonly at: Date
  readonly durationMs: number | undefined
  readonly responseStatus: number | undefined
  readonly error: string | undefined
}

/** A page of a listing, with the position after its last item when there may be more. */
export interface Page<T> {
  readonly items: readonly T[]
  readonly next: { readonly createdAt: string; readonly id: string } | undefined
}
