import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { Agent, request } from 'undici'
import { ipLiteralOf, refusedAddress, type DestinationPolicy } from '../../domain/destination.ts'
import type { SendWebhook, WebhookResponse } from '../../domain/sender.ts'

export interface SenderOptions extends DestinationPolicy {
  /** For the whole attempt: connect, send, and the answer's headers and body. */
  readonly timeoutMs: number
  /** Connections per origin at once. */
  readonly connectionsPerOrigin: number
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** dns.lookup that refuses names resolving to an address the policy forbids: checked where the socket connects. */
function guardedLookup(policy: DestinationPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, [])
      const refused = addresses.map((a) => refusedAddress(policy, a.address)).find((reason) => reason !== undefined)
      if (refused !== undefined) {
        const error: NodeJS.ErrnoException = new Error(`${hostname}: ${refused}`)
        error.code = 'EWEBHOOKADDRESS'
        return callback(error, [])
      }
      if (options.all === true) return callback(null, addresses)
      const first = addresses[0]
      if (first === undefined)
        return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), [])
      return callback(null, first.address, first.family)
    })
  }
}

function describe(err: unknown): string {
  const { code, message, cause } = (err ?? {}) as { code?: unknown; message?: unknown; cause?: unknown }
  if (cause !== undefined && cause !== err && (code === undefined || code === 'UND_ERR_SOCKET')) return describe(cause)
  const text = typeof message === 'string' ? message : String(err)
  return (typeof code === 'string' ? `${code}: ${text}` : text).slice(0, 500)
}

/**
 * Outbound webhook calls with undici: one Agent (connection pool per origin, connect timeout, the address guard),
 * an overall deadline per attempt, no redirects (undici's request follows none), the answer's body read and dropped
 * (at most 64 KiB of it) so that the connection can be reused.
 */
export function createSender(options: SenderOptions): { send: SendWebhook; close(): Promise<void> } {
  const agent = new Agent({
    connections: options.connectionsPerOrigin,
    connect: { timeout: options.timeoutMs, lookup: guardedLookup(options) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  })
  async function send({ url, headers, body }: Parameters<SendWebhook>[0]): Promise<WebhookResponse> {
    // An IP literal is connected to without a lookup: check it here (names are checked by the lookup).
    const literal = ipLiteralOf(new URL(url).hostname)
    const refused = literal === undefined ? undefined : refusedAddress(options, literal)
    if (refused !== undefined) return { kind: 'failed', error: `EWEBHOOKADDRESS: ${refused}` }
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Varco-Webhooks/1' },
        body,
        dispatcher: agent,
        signal: AbortSignal.timeout(options.timeoutMs),
      })
      await response.body.dump({ limit: 65_536 }).catch(() => undefined)
      return { kind: 'answered', status: response.statusCode }
    } catch (err) {
      return { kind: 'failed', error: describe(err) }
    }
  }
  return { send, close: () => agent.close() }
}
