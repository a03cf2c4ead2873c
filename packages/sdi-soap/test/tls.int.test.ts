import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:https'
import { classifyError } from '@varco/errors'
import { createSdIRiceviFileClient } from '../src/index.ts'
import { recordingServices, requests, type Received } from './helpers/fixtures.ts'
import { startSdiServer, type RunningServer } from './helpers/servers.ts'
import { createTlsPki, type TlsPem, type TlsPki } from '@varco/testing'
import { matching } from './helpers/match.ts'

let pki: TlsPki
let server: RunningServer
const received: Received[] = []
const tlsErrors: string[] = []
let secureConnections = 0

beforeAll(async () => {
  pki = createTlsPki()
  server = await startSdiServer(pki, recordingServices(received))
  server.server.on('tlsClientError', (err: NodeJS.ErrnoException) => tlsErrors.push(err.code ?? err.message))
  server.server.on('secureConnection', () => secureConnections++)
})
afterAll(() => server.close())

/** A bare HTTPS POST that trusts the test CA and presents `client` (or no certificate). */
function post(client: TlsPem | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(server.url('/SdIRiceviFile'), {
      method: 'POST',
      ca: pki.ca.cert,
      ...(client === undefined ? {} : { cert: client.cert, key: client.key }),
      headers: { 'content-type': 'text/xml' },
    })
    req.on('response', (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end('<x/>')
  })
}

describe('mutual TLS', () => {
  it('lets a client with a certificate of the configured CA through to HTTP', async () => {
    await expect(post(pki.client)).resolves.toBe(500) // a SOAP fault for '<x/>': the TLS part passed
  })

  // The server's verdict is a handshake error ('tlsClientError'): the connection never becomes a secure one, so no
  // HTTP is ever read from it.
  it.each([
    ['without a certificate', undefined],
    ['whose certificate comes from another CA', 'other'],
  ])('refuses a client %s during the handshake', async (_, who) => {
    tlsErrors.length = 0
    const before = secureConnections
    await expect(post(who === undefined ? undefined : pki.otherCaClient)).rejects.toMatchObject({
      code: matching(/ERR_SSL|ECONNRESET/),
    })
    await expect.poll(() => tlsErrors.length).toBeGreaterThan(0)
    expect(secureConnections).toBe(before)
  })

  it('never hands a refused connection to a handler', async () => {
    const before = received.length
    await post(undefined).catch(() => undefined)
    await post(pki.otherCaClient).catch(() => undefined)
    expect(received).toHaveLength(before)
  })

  it("makes our client fail, without retry, when the server's certificate is not from the CA it trusts", async () => {
    const client = await createSdIRiceviFileClient({
      endpoint: server.url('/SdIRiceviFile'),
      tls: { ...pki.clientIdentity(), ca: pki.otherCa.cert },
    })
    try {
      const err: unknown = await client.riceviFile(requests.riceviFile).catch((e: unknown) => e)
      expect(err).toMatchObject({
        code: 'SDI_SOAP_ERR_TLS',
        message: matching(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY/),
      })
      expect(classifyError(err)).toBe('fatal')
    } finally {
      client.close()
    }
  })

  it('makes our client fail when the server refuses its certificate', async () => {
    const client = await createSdIRiceviFileClient({
      endpoint: server.url('/SdIRiceviFile'),
      tls: pki.clientIdentity(pki.otherCaClient),
    })
    try {
      const err: unknown = await client.riceviFile(requests.riceviFile).catch((e: unknown) => e)
      // TLS 1.3 reports the server's refusal as an alert or, when the server closes first, as a reset.
      expect(err).toMatchObject({ code: matching(/^SDI_SOAP_ERR_(TLS|NETWORK)$/) })
    } finally {
      client.close()
    }
  })
})
