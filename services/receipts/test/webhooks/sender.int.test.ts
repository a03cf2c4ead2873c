import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSender } from '../../src/webhooks/adapters/http/sender.ts'

// The outbound HTTP adapter against real sockets: the address guard where the socket connects, no redirects,
// the timeout.

let server: Server
let port = 0
const hits: string[] = []
beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '')
    if (request.url === '/redirect') response.writeHead(302, { location: `http://127.0.0.1:${port}/target` }).end()
    else if (request.url === '/hang')
      return // never answers
    else response.writeHead(204).end()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((done) => server.close(() => done()))
})

const request = (url: string) => ({ url, headers: { 'webhook-id': 'msg_1' }, body: '{}' })

describe('the webhook sender', () => {
  it('refuses a name that resolves to a private address, at connect time', async () => {
    const sender = createSender({
      allowHttp: true,
      allowPrivateNetworks: false,
      timeoutMs: 2000,
      connectionsPerOrigin: 2,
    })
    const before = hits.length
    const response = await sender.send(request(`http://localhost:${port}/in`))
    await sender.close()
    expect(response).toMatchObject({ kind: 'failed' })
    expect(response.kind === 'failed' && response.error).toMatch(/EWEBHOOKADDRESS.*not a public address/)
    expect(hits.length).toBe(before)
  })

  it('refuses a private IP literal without connecting', async () => {
    const sender = createSender({
      allowHttp: true,
      allowPrivateNetworks: false,
      timeoutMs: 2000,
      connectionsPerOrigin: 2,
    })
    const response = await sender.send(request(`http://127.0.0.1:${port}/in`))
    await sender.close()
    expect(response.kind === 'failed' && response.error).toMatch(
      /^EWEBHOOKADDRESS: 127\.0\.0\.1 is not a public address/,
    )
  })

  it('delivers to a private address when configured, by name or literal', async () => {
    const sender = createSender({
      allowHttp: true,
      allowPrivateNetworks: true,
      timeoutMs: 2000,
      connectionsPerOrigin: 2,
    })
    expect(await sender.send(request(`http://localhost:${port}/in`))).toEqual({ kind: 'answered', status: 204 })
    expect(await sender.send(request(`http://127.0.0.1:${port}/in`))).toEqual({ kind: 'answered', status: 204 })
    await sender.close()
  })

  it('does not follow a redirect: the answer is the 302, the target is never called', async () => {
    const sender = createSender({
      allowHttp: true,
      allowPrivateNetworks: true,
      timeoutMs: 2000,
      connectionsPerOrigin: 2,
    })
    expect(await sender.send(request(`http://127.0.0.1:${port}/redirect`))).toEqual({ kind: 'answered', status: 302 })
    await sender.close()
    expect(hits).not.toContain('/target')
  })

  it('gives up on a receiver that does not answer, after the timeout', async () => {
    const sender = createSender({
      allowHttp: true,
      allowPrivateNetworks: true,
      timeoutMs: 300,
      connectionsPerOrigin: 2,
    })
    const started = Date.now()
    const response = await sender.send(request(`http://127.0.0.1:${port}/hang`))
    await sender.close()
    expect(response.kind).toBe('failed')
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('reports a refused connection', async () => {
    const sender = createSender({
      allowHttp: true,
      allowPrivateNetworks: true,
      timeoutMs: 2000,
      connectionsPerOrigin: 2,
    })
    const response = await sender.send(request('http://127.0.0.1:1/in'))
    await sender.close()
    expect(response.kind === 'failed' && response.error).toMatch(/ECONNREFUSED/)
  })
})
