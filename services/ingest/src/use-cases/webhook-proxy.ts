/** A request for the receipts service's internal webhook API, for one tenant (see briefs/internal-api.md). */
export interface WebhookRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Under /internal/tenants/{tenantId}/webhooks, already encoded: '', '/{id}', '/{id}/deliveries', ... */
  readonly path: string
  readonly query?: Readonly<Record<string, string | number | undefined>>
  readonly body?: unknown
}

/** What the receipts service answered: its status and JSON body (undefined for a 204). */
export interface WebhookResponse {
  readonly status: number
  readonly body: unknown
  /** True when the body is a problem document (application/problem+json). */
  readonly problem: boolean
}

/** The receipts service's webhook API as the ingest service uses it; errors are this service's coded errors. */
export interface WebhookProxy {
  /** Forwards a request for the tenant's webhooks. */
  forward(tenantId: string, request: WebhookRequest): Promise<WebhookResponse>
  /** The event types a subscription may name. */
  eventTypes(): Promise<WebhookResponse>
}
