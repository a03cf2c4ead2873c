import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { classifyError } from '@varco/errors'
import {
  createSdIRiceviFileClient,
  createSdIRiceviNotificaClient,
  createTrasmissioneFattureClient,
  SdiSoapRequestInvalid,
  type SdiClientOptions,
} from '../src/index.ts'
import { encodeMtom, xopInclude } from '../src/mtom/xop-encode.ts'
import { requests } from './helpers/fixtures.ts'
import { startRawServer, startSdiServer, type RunningServer } from './helpers/servers.ts'
import { createTlsPki, type TlsPki } from '@varco/testing'
import { matching } from './helpers/match.ts'

type Raw = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

let pki: TlsPki
let raw: RunningServer
let answer: Raw = (_, res) => res.end()
let sdi: RunningServer
const faults: string[] = []

beforeAll(async () => {
  pki = createTlsPki()
  raw = await startRawServer(pki, (req, res, body) => answer(req, res, body))
  sdi = await startSdiServer(pki, {
    maxRequestBytes: 1_000_000,
    onFault: (_, info) => faults.push(`${info.fault} ${info.operation ?? '-'}`),
    sdiRiceviFile: {
      handlers: {
        riceviFile: async (req) => {
          if (req.NomeFile.startsWith('IT00000000000')) throw new SdiSoapRequestInvalid('unknown transmitter')
          throw new Error('disk full')
        },
      },
    },
  })
})
afterAll(async () => {
  await raw.close()
  await sdi.close()
})

const options = (endpoint: string, extra: Partial<SdiClientOptions> = {}): SdiClientOptions => ({
  endpoint,
  tls: pki.clientIdentity(),
  ...extra,
})

async function failure(call: () => Promise<unknown>): Promise<{ code: unknown; class: string; message: string }> {
  const err = (await call().then(
    () => expect.fail('the call succeeded'),
    (e: unknown) => e,
  )) as { code?: unknown; message: string }
  return { code: err.code, class: classifyError(err), message: err.message }
}

const envelope = (body: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`

describe('client errors', () => {
  it('a timeout is retriable', async () => {
    answer = () => undefined // never answers
    const client = await createSdIRiceviFileClient(options(raw.url('/slow'), { timeoutMs: 200 }))
    const started = Date.now()
    expect(await failure(() => client.riceviFile(requests.riceviFile))).toMatchObject({
      code: 'SDI_SOAP_ERR_TIMEOUT',
      class: 'retriable',
    })
    expect(Date.now() - started).toBeLessThan(5_000)
    client.close()
  })

  it("the caller's abort ends the call", async () => {
    answer = () => undefined
    const client = await createSdIRiceviFileClient(options(raw.url('/slow')))
    const result = failure(() => client.riceviFile(requests.riceviFile, { signal: AbortSignal.timeout(50) }))
    expect(await result).toMatchObject({ code: 'SDI_SOAP_ERR_ABORTED' })
    client.close()
  })

  it('HTTP 500 without a fault is retriable, on request-response and one-way operations', async () => {
    answer = (_, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Oops</body></html>')
    const file = await createSdIRiceviFileClient(options(raw.url('/x')))
    expect(await failure(() => file.riceviFile(requests.riceviFile))).toMatchObject({
      code: 'SDI_SOAP_ERR_HTTP_5XX',
      class: 'retriable',
    })
    answer = (_, res) => res.writeHead(503).end()
    const trasmissione = await createTrasmissioneFattureClient(options(raw.url('/x')))
    expect(await failure(() => trasmissione.ricevutaConsegna(requests.trasmissione.ricevutaConsegna))).toMatchObject({
      code: 'SDI_SOAP_ERR_HTTP_5XX',
      class: 'retriable',
    })
    file.close()
    trasmissione.close()
  })

  it('a SOAP fault is not retriable', async () => {
    const client = await createSdIRiceviFileClient(options(sdi.url('/SdIRiceviFile')))
    expect(await failure(() => client.riceviFile(requests.riceviFile))).toMatchObject({
      code: 'SDI_SOAP_ERR_FAULT',
      class: 'fatal',
      message: matching('soap:Server: RiceviFile could not be processed'),
    })
    expect(
      await failure(() => client.riceviFile({ ...requests.riceviFile, NomeFile: 'IT00000000000_00001.xml' })),
    ).toMatchObject({ code: 'SDI_SOAP_ERR_FAULT', message: matching('unknown transmitter') })
    expect(faults.slice(-2)).toEqual(['Server RiceviFile', 'Client RiceviFile'])
    client.close()
  })

  it('HTTP 4xx is not retriable', async () => {
    const client = await createSdIRiceviFileClient(options(sdi.url('/NoSuchService')))
    expect(await failure(() => client.riceviFile(requests.riceviFile))).toMatchObject({
      code: 'SDI_SOAP_ERR_HTTP_4XX',
      class: 'fatal',
    })
    client.close()
  })

  it('a refused connection is retriable', async () => {
    const closed = await startRawServer(pki, () => undefined)
    const endpoint = closed.url('/x')
    await closed.close()
    const client = await createSdIRiceviFileClient(options(endpoint))
    expect(await failure(() => client.riceviFile(requests.riceviFile))).toMatchObject({
      code: 'SDI_SOAP_ERR_NETWORK',
      class: 'retriable',
    })
    client.close()
  })

  it.each<[string, Raw, RegExp]>([
    ['not XML', (_, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end('hello'), /invalid answer/],
    [
      'a response without IdentificativoSdI',
      (_, res) =>
        res
          .writeHead(200, { 'content-type': 'text/xml' })
          .end(
            envelope(
              '<t:rispostaSdIRiceviFile xmlns:t="http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0/types"><DataOraRicezione>2025-01-01T00:00:00Z</DataOraRicezione></t:rispostaSdIRiceviFile>',
            ),
          ),
      /IdentificativoSdI is missing/,
    ],
    ['a response over the cap', (_, res) => res.writeHead(200).end(Buffer.alloc(2_000_000, 'x')), /larger than/],
  ])('%s is an invalid response, not retriable', async (_, handler, message) => {
    answer = handler
    const client = await createSdIRiceviFileClient(options(raw.url('/x'), { maxResponseBytes: 1_000_000 }))
    expect(await failure(() => client.riceviFile(requests.riceviFile))).toMatchObject({
      code: 'SDI_SOAP_ERR_RESPONSE',
      class: 'fatal',
      message: matching(message),
    })
    client.close()
  })

  it('a request that breaks the contract is refused before sending', async () => {
    let calls = 0
    answer = (_, res) => (calls++, res.end())
    const client = await createSdIRiceviFileClient(options(raw.url('/x')))
    expect(await failure(() => client.riceviFile({ ...requests.riceviFile, NomeFile: 'bad' }))).toMatchObject({
      code: 'SDI_SOAP_ERR_REQUEST',
      class: 'fatal',
    })
    expect(calls).toBe(0)
    client.close()
  })
})

describe('MTOM responses', () => {
  it('are decoded: ScartoEsito.File arrives as the attachment bytes', async () => {
    const se = Buffer.from('<ScartoEsitoCommittente/>')
    answer = (_, res) => {
      const xml = envelope(
        '<t:rispostaSdINotificaEsito xmlns:t="http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types"><Esito>ES00</Esito>' +
          `<ScartoEsito><NomeFile>IT01234567890_11111_SE_001.xml</NomeFile><File>${xopInclude('se@sdi')}</File></ScartoEsito>` +
          '</t:rispostaSdINotificaEsito>',
      )
      const mtom = encodeMtom(xml, [{ contentId: 'se@sdi', bytes: se }])
      res.writeHead(200, { 'content-type': mtom.contentType }).end(Buffer.concat([...mtom.chunks]))
    }
    const client = await createSdIRiceviNotificaClient(options(raw.url('/x')))
    expect(await client.notificaEsito(requests.notificaEsitoSdI)).toEqual({
      Esito: 'ES00',
      ScartoEsito: { NomeFile: 'IT01234567890_11111_SE_001.xml', File: se },
    })
    client.close()
  })
})

function post(
  path: string,
  body: Buffer,
  headers: Record<string, string>,
  method = 'POST',
): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const identity = pki.clientIdentity()
    const req = request(sdi.url(path), {
      method,
      headers,
      cert: identity.cert,
      key: identity.key,
      ca: identity.ca,
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          connection: res.headers.connection,
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('server limits', () => {
  const big = Buffer.alloc(1_000_001, 'a')

  it('refuses a body over the cap with 413, declared or chunked, and closes the connection', async () => {
    const declared = await post('/SdIRiceviFile', big, {
      'content-type': 'text/xml',
      'content-length': String(big.length),
    })
    expect(declared).toMatchObject({
      status: 413,
      connection: 'close',
      body: matching('exceeds 1000000 bytes'),
    })
    const chunked = await post('/SdIRiceviFile', big, { 'content-type': 'text/xml', 'transfer-encoding': 'chunked' })
    expect(chunked.status).toBe(413)
  })

  it('answers only POST', async () => {
    const reply = await post('/SdIRiceviFile', Buffer.alloc(0), {}, 'GET')
    expect(reply).toMatchObject({ status: 405, body: matching('use POST') })
  })

  it('refuses compressed bodies', async () => {
    const reply = await post('/SdIRiceviFile', Buffer.from('x'), {
      'content-type': 'text/xml',
      'content-encoding': 'gzip',
    })
    expect(reply.status).toBe(415)
  })
})
