import { WebhooksBadResponse, WebhooksTimeout, WebhooksUnreachable } from '../../errors.ts'
import type { WebhookProxy, WebhookRequest, WebhookResponse } from '../../use-cases/webhook-proxy.ts'

export interface ReceiptsWebhooksOptions {
  /** RECEIPTS_INTERNAL_URL: the receipts service's internal API, e.g. http://10.0.0.5:8082. */
  readonly baseUrl: string
  readonly token: string
  /** Longest wait for an answer, whole body included: a vendor never hangs on a slow receipts service. */
  readonly timeoutMs: number
}

// Upstream answers that are the caller's to see (a bad url, an unknown subscription); anything else is ours.
const PASSED_THROUGH = new Set([200, 201, 202, 204, 400, 404, 409, 422])

function failureOf(err: unknown, timeoutMs: number): Error {
  const name = (err as { name?: unknown } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError') return new WebhooksTimeout(timeoutMs)
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause
  const code = typeof cause?.code === 'string' ? cause.code : 'connection failed'
  return new WebhooksUnreachable(code)
}

async function responseOf(response: Response): Promise<WebhookResponse> {
  if (!PASSED_THROUGH.has(response.status)) {
    await response.body?.cancel()
    // 401/403 mean this service's token is wrong, not the vendor's key: never shown as the vendor's fault.
    throw new WebhooksBadResponse(`status ${response.status}`)
  }
  if (response.status === 204) {
    await response.body?.cancel()
    return { status: 204, body: undefined, problem: false }
  }
  const type = response.headers.get('content-type') ?? ''
  const text = await response.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new WebhooksBadResponse(`status ${response.status} without a JSON body`)
  }
  if (typeof body !== 'object' || body === null) throw new WebhooksBadResponse('a body that is not a JSON object')
  const problem = response.status >= 400
  if (problem && !type.startsWith('application/problem+json') && !type.startsWith('application/json')) {
    throw new WebhooksBadResponse(`status ${response.status} with ${type || 'no content type'}`)
  }
  return { status: response.status, body, problem }
}

/**
 * The receipts service's internal webhook API over plain HTTP (a private address), with its bearer token. Each call
 * has one deadline for connecting, answering and reading the body (AbortSignal.timeout), so a slow or silent peer
 * costs the vendor at most timeoutMs and a 503.
 */
export function receiptsWebhooks(options: ReceiptsWebhooksOptions): WebhookProxy {
  const base = options.baseUrl.replace(/\/+$/, '')
  async function call(path: string, request: Omit<WebhookRequest, 'path'>): Promise<WebhookResponse> {
    const url = new URL(`${base}${path}`)
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    const signal = AbortSignal.timeout(options.timeoutMs)
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json, application/problem+json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal,
        redirect: 'error',
      })
      return await responseOf(response)
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code
      if (typeof code === 'string' && code.startsWith('INGEST_ERR_')) throw err
      throw failureOf(err, options.timeoutMs)
    }
  }
  return {
    forward: (tenantId, request) =>
      call(`/internal/tenants/${encodeURIComponent(tenantId)}/webhooks${request.path}`, request),
    eventTypes: () => call('/internal/webhook-event-types', { method: 'GET' }),
  }
}
