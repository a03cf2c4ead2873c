import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

/** One request a receiver got, and which of its secrets verified it with the standardwebhooks library. */
export interface Received {
  readonly id: string
  readonly timestamp: string
  readonly signature: string
  readonly body: string
  readonly type: string
  readonly data: Record<string, unknown>
  /** Indexes in `secrets` of those that verified it. */
  readonly verifiedBy: readonly number[]
  readonly answered: number
}

export interface Receiver {
  readonly url: string
  /** The secrets to verify with (the subscription's; after a rotation, both). */
  secrets: string[]
  /** The status answered; 200 unless a test makes it fail. */
  status: number
  /** How long it takes to answer (a slow receiver keeps requests in flight). */
  delayMs: number
  /** Every request, verified or not (a test asserts none failed verification). */
  readonly received: Received[]
  /** Requests answered 2xx. */
  delivered(): Received[]
  /** Requests whose signature no secret verified. */
  unverified(): Received[]
  /** Closes the port: connections are refused until `start()`. */
  stop(): Promise<void>
  /** Listens again on the same port. */
  start(): Promise<void>
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name]
  return typeof value === 'string' ? value : ''
}

/** An HTTP endpoint that checks every webhook it gets with standardwebhooks' Webhook.verify. */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = []
  let server: Server | undefined
  let port = 0
  const receiver: Receiver = {
    url: '',
    secrets: [],
    status: 200,
    delayMs: 0,
    received,
    delivered: () => received.filter((r) => r.answered >= 200 && r.answered < 300),
    unverified: () => received.filter((r) => r.verifiedBy.length === 0),
    stop: async () => {
      const closing = server
      server = undefined
      if (closing === undefined) return
      closing.closeAllConnections()
      await new Promise<void>((done) => closing.close(() => done()))
    },
    start: async () => {
      const listening = createServer((request, response) => {
        void bodyOf(request).then((body) => {
          const headers = {
            'webhook-id': header(request, 'webhook-id'),
            'webhook-timestamp': header(request, 'webhook-timestamp'),
            'webhook-signature': header(request, 'webhook-signature'),
          }
          const verifiedBy = receiver.secrets.flatMap((secret, index) => {
            try {
              new Webhook(secret).verify(body, headers)
              return [index]
            } catch {
              return []
            }
          })
          const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> }
          const answered = receiver.status
          received.push({
            id: headers['webhook-id'],
            timestamp: headers['webhook-timestamp'],
            signature: headers['webhook-signature'],
            body,
            type: parsed.type,
            data: parsed.data,
            verifiedBy,
            answered,
          })
          setTimeout(() => response.writeHead(answered).end(), receiver.delayMs)
        })
      })
      await new Promise<void>((done) => listening.listen(port, '127.0.0.1', done))
      port = (listening.address() as AddressInfo).port
      server = listening
    },
  }
  await receiver.start()
  Object.assign(receiver, { url: `http://127.0.0.1:${port}/hooks` })
  return receiver
}
