import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/*
 * A small real HTTP server that speaks the receipts service's internal webhook API (briefs/internal-api.md), in
 * memory, for the proxy's tests until the real receipts service is merged. It records every request it gets.
 */

export const EVENT_TYPES = ['invoice.notification', 'invoice.incoming', 'invoice.outcome_sent']

interface Subscription {
  id: string
  url: string
  description?: string
  eventTypes: string[]
  enabled: boolean
  createdAt: string
  updatedAt: string
  /** Not part of the contract's Subscription: must never reach a vendor. */
  internalNote: string
}

interface Delivery {
  id: string
  webhookId: string
  eventId: string
  eventType: string
  invoiceId: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  createdAt: string
  attemptLog: Array<{ at: string; durationMs: number; responseStatus?: number }>
}

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly authorization: string | undefined
  readonly body: unknown
}

export interface FakeReceipts {
  readonly url: string
  readonly token: string
  readonly requests: RecordedRequest[]
  close(): Promise<void>
}

type Reply = { status: number; body?: unknown }

const problem = (status: number, code: string, detail: string): Reply => ({
  status,
  body: { type: `urn:varco:error:${code}`, title: code, status, detail, code },
})

function publicOf({ internalNote: _, ...subscription }: Subscription) {
  return subscription
}

function checkSubscription(body: Record<string, unknown>): Reply | undefined {
  if (body.url !== undefined && (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))) {
    return problem(422, 'RECEIPTS_ERR_WEBHOOK_URL', 'url must be https://')
  }
  const types = body.eventTypes
  if (Array.isArray(types) && types.some((t) => !EVENT_TYPES.includes(String(t)))) {
    return problem(422, 'RECEIPTS_ERR_EVENT_TYPE', 'unknown event type')
  }
  return undefined
}

function handler(tenants: Map<string, Map<string, { sub: Subscription; deliveries: Delivery[] }>>) {
  return (method: string, path: string, query: Record<string, string>, body: Record<string, unknown>): Reply => {
    if (method === 'GET' && path === '/internal/webhook-event-types')
      return { status: 200, body: { items: EVENT_TYPES } }
    const match = /^\/internal\/tenants\/([a-z0-9][a-z0-9_-]{0,99})\/webhooks(?:\/([^/]+))?(\/.*)?$/.exec(path)
    if (match === null) return problem(404, 'RECEIPTS_ERR_ROUTE', `no route ${method} ${path}`)
    const [, tenant, id, rest = ''] = match as unknown as [string, string, string | undefined, string | undefined]
    const subs = tenants.get(tenant) ?? new Map<string, { sub: Subscription; deliveries: Delivery[] }>()
    tenants.set(tenant, subs)
    if (id === undefined) {
      if (method === 'POST') {
        const refused = checkSubscription(body)
        if (refused !== undefined) return refused
        const now = new Date().toISOString()
        const sub: Subscription = {
          id: randomUUID(),
          url: String(body.url),
          ...(typeof body.description === 'string' ? { description: body.description } : {}),
          eventTypes: (body.eventTypes as string[] | undefined) ?? [],
          enabled: true,
          createdAt: now,
          updatedAt: now,
          internalNote: 'secret-ish',
        }
        const delivery: Delivery = {
          id: randomUUID(),
          webhookId: `msg_${randomBytes(6).toString('hex')}`,
          eventId: randomUUID(),
          eventType: 'invoice.notification',
          invoiceId: randomUUID(),
          status: 'failed',
          attempts: 3,
          createdAt: now,
          attemptLog: [{ at: now, durationMs: 12, responseStatus: 500 }],
        }
        subs.set(sub.id, { sub, deliveries: [delivery] })
        return { status: 201, body: { ...publicOf(sub), secret: `whsec_${randomBytes(32).toString('base64')}` } }
      }
      const all = [...subs.values()].map((s) => publicOf(s.sub))
      const start = Number(query.cursor ?? 0)
      const limit = Number(query.limit ?? 50)
      const items = all.slice(start, start + limit)
      return {
        status: 200,
        body: { items, ...(start + limit < all.length ? { nextCursor: String(start + limit) } : {}) },
      }
    }
    const entry = subs.get(id)
    if (entry === undefined) return problem(404, 'RECEIPTS_ERR_WEBHOOK_NOT_FOUND', 'no such subscription')
    if (rest === '' && method === 'GET') return { status: 200, body: publicOf(entry.sub) }
    if (rest === '' && method === 'PATCH') {
      const refused = checkSubscription(body)
      if (refused !== undefined) return refused
      Object.assign(entry.sub, body, { updatedAt: new Date().toISOString() })
      return { status: 200, body: publicOf(entry.sub) }
    }
    if (rest === '' && method === 'DELETE') {
      subs.delete(id)
      return { status: 204 }
    }
    if (rest === '/secret' && method === 'POST') {
      return {
        status: 200,
        body: {
          secret: `whsec_${randomBytes(32).toString('base64')}`,
          previousSecretExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      }
    }
    const strip = ({ attemptLog: _, ...delivery }: Delivery) => delivery
    if (rest === '/deliveries' && method === 'GET') {
      const items = entry.deliveries.filter((d) => query.status === undefined || d.status === query.status).map(strip)
      return { status: 200, body: { items } }
    }
    const deliveryMatch = /^\/deliveries\/([^/]+)(\/replay)?$/.exec(rest)
    const delivery = entry.deliveries.find((d) => d.id === deliveryMatch?.[1])
    if (deliveryMatch === null || delivery === undefined)
      return problem(404, 'RECEIPTS_ERR_DELIVERY_NOT_FOUND', 'no such delivery')
    if (deliveryMatch[2] === undefined && method === 'GET') return { status: 200, body: delivery }
    if (deliveryMatch[2] !== undefined && method === 'POST') {
      const replay: Delivery = {
        ...delivery,
        id: randomUUID(),
        status: 'pending',
        attempts: 0,
        attemptLog: [],
        createdAt: new Date().toISOString(),
      }
      entry.deliveries.push(replay)
      return { status: 202, body: strip(replay) }
    }
    return problem(404, 'RECEIPTS_ERR_ROUTE', `no route ${method} ${path}`)
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
}

/** The fake receipts service, on a free loopback port. */
export async function startFakeReceipts(): Promise<FakeReceipts> {
  const token = randomBytes(24).toString('base64url')
  const requests: RecordedRequest[] = []
  const handle = handler(new Map())
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://x')
      const body = await readBody(request)
      const authorization = request.headers.authorization
      requests.push({
        method: request.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization,
        body,
      })
      const reply =
        authorization !== `Bearer ${token}`
          ? problem(401, 'RECEIPTS_ERR_UNAUTHORIZED', 'bad token')
          : handle(
              request.method ?? '',
              url.pathname,
              Object.fromEntries(url.searchParams),
              (body ?? {}) as Record<string, unknown>,
            )
      const type = reply.status >= 400 ? 'application/problem+json' : 'application/json'
      response.writeHead(reply.status, reply.body === undefined ? {} : { 'content-type': type })
      response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body))
    })()
  })
  return { url: await listen(server), token, requests, close: closer(server) }
}

/** A server that takes connections and never answers: the proxy must give up on its own. */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(() => undefined)
  return { url: await listen(server), close: closer(server) }
}

/** A server that answers every request with `status` and `body`. */
export async function startFixedServer(status: number, body: string, type = 'application/json') {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': type })
    response.end(body)
  })
  return { url: await listen(server), close: closer(server) }
}
