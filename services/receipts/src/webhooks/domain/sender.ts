/** One POST of a webhook: what to send. */
export interface WebhookRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** What came of it: the receiver's status, or why there was none (refused, timed out, address not allowed). */
export type WebhookResponse =
  { readonly kind: 'answered'; readonly status: number } | { readonly kind: 'failed'; readonly error: string }

/** Sends one webhook; never throws: every failure is an outcome to record. */
export type SendWebhook = (request: WebhookRequest) => Promise<WebhookResponse>

/** Whether the receiver took the message: any 2xx. A redirect is not followed, so it is a failure. */
export function accepted(response: WebhookResponse): boolean {
  return response.kind === 'answered' && response.status >= 200 && response.status < 300
}

/** The error of an attempt for the delivery log; undefined when it succeeded. */
export function attemptError(response: WebhookResponse): string | undefined {
  if (response.kind === 'failed') return response.error
  if (response.status >= 200 && response.status < 300) return undefined
  if (response.status >= 300 && response.status < 400) return `HTTP ${response.status}: redirects are not followed`
  return `HTTP ${response.status}`
}
