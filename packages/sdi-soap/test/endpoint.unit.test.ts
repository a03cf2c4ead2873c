import { describe, expect, it, vi } from 'vitest'
import { SdiSoapRequestInvalid, SDI_RICEVI_NOTIFICA, TRASMISSIONE_FATTURE, type FileSdI } from '../src/index.ts'
import { createServiceEndpoint, type SoapHttpRequest } from '../src/server/endpoint.ts'
import { encodeMtom, xopInclude } from '../src/mtom/xop-encode.ts'
import { envelope, fileSdIElement, RC, RICEZIONE_TYPES_NAMESPACE } from './helpers/envelopes.ts'

const RC_ACTION = '"http://www.fatturapa.it/TrasmissioneFatture/RicevutaConsegna"'

function request(xml: string | Buffer, overrides: Partial<SoapHttpRequest> = {}): SoapHttpRequest {
  return {
    body: typeof xml === 'string' ? Buffer.from(xml) : xml,
    contentType: 'text/xml; charset=utf-8',
    soapAction: RC_ACTION,
    remoteAddress: '127.0.0.1',
    peerCertificate: () => undefined,
    ...overrides,
  }
}

async function trasmissione(onFault = vi.fn()) {
  const received: FileSdI[] = []
  const record = async (message: FileSdI): Promise<void> => void received.push(message)
  const handlers = {
    ricevutaConsegna: record,
    notificaMancataConsegna: record,
    notificaScarto: async () => {
      throw new Error('database down')
    },
    notificaEsito: async () => {
      throw new SdiSoapRequestInvalid('unknown IdentificativoSdI')
    },
    notificaDecorrenzaTermini: record,
    attestazioneTrasmissioneFattura: record,
  }
  const endpoint = await createServiceEndpoint(TRASMISSIONE_FATTURE, handlers, { oneWayStatus: 202, onFault })
  return { endpoint, received, onFault }
}

const faultOf = (body: string) => ({
  code: /<faultcode>([^<]*)<\/faultcode>/.exec(body)?.[1],
  text: /<faultstring>([^<]*)<\/faultstring>/.exec(body)?.[1],
})

describe('a service endpoint', () => {
  it('answers a one-way operation with 202 and no body, after the handler took the message', async () => {
    const { endpoint, received } = await trasmissione()
    const reply = await endpoint.handle(request(envelope(fileSdIElement('ricevutaConsegna', RC))))
    expect(reply).toEqual({ status: 202, body: '' })
    expect(received).toEqual([
      { IdentificativoSdI: '111', NomeFile: RC.NomeFile, File: Buffer.from('<RicevutaConsegna/>') },
    ])
  })

  it('accepts MTOM, a missing or empty SOAPAction, and dispatches by body element', async () => {
    const { endpoint, received } = await trasmissione()
    const bytes = Buffer.from([0, 1, 2, 255, 13, 10])
    const xml = envelope(fileSdIElement('notificaMancataConsegna', { ...RC, File: xopInclude('f@x') }))
    const mtom = encodeMtom(xml, [{ contentId: 'f@x', bytes }])
    const reply = await endpoint.handle(
      request(Buffer.concat([...mtom.chunks]), { contentType: mtom.contentType, soapAction: '""' }),
    )
    expect(reply.status).toBe(202)
    expect(received[0]?.File).toEqual(bytes)
    await endpoint.handle(request(envelope(fileSdIElement('ricevutaConsegna', RC)), { soapAction: undefined }))
    expect(received).toHaveLength(2)
  })

  it.each([
    [
      'a DOCTYPE',
      'Client',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>${envelope(fileSdIElement('ricevutaConsegna', { ...RC, NomeFile: '&b;' }))}`,
      {},
      /DOCTYPE/,
    ],
    [
      'SOAP 1.2',
      'VersionMismatch',
      envelope('').replace('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope'),
      {},
      /SOAP 1.2/,
    ],
    ['something else', 'Client', '<hello/>', {}, /Not a SOAP 1.1 envelope/],
    ['an empty Body', 'Client', envelope(''), {}, /no element/],
    [
      'an operation of another service',
      'Client',
      envelope(fileSdIElement('fileSdIAccoglienza', RC)),
      { soapAction: undefined },
      /fileSdIAccoglienza is not a request of TrasmissioneFatture/,
    ],
    [
      'the wrong namespace',
      'Client',
      envelope(fileSdIElement('ricevutaConsegna', RC, RICEZIONE_TYPES_NAMESPACE)),
      {},
      /must be in namespace/,
    ],
    [
      'a SOAPAction of another operation',
      'Client',
      envelope(fileSdIElement('ricevutaConsegna', RC)),
      { soapAction: '"http://www.fatturapa.it/TrasmissioneFatture/NotificaScarto"' },
      /does not match ricevutaConsegna/,
    ],
    [
      'malformed XML',
      'Client',
      envelope(fileSdIElement('ricevutaConsegna', RC)).replace('</NomeFile>', '</Nome>'),
      {},
      /not well-formed/,
    ],
    [
      'an undefined entity',
      'Client',
      envelope(fileSdIElement('ricevutaConsegna', { ...RC, NomeFile: '&xxe;' })),
      {},
      /not well-formed/,
    ],
    [
      'a bad NomeFile',
      'Client',
      envelope(fileSdIElement('ricevutaConsegna', { ...RC, NomeFile: '../etc/passwd' })),
      {},
      /NomeFile "..\/etc\/passwd" does not match/,
    ],
    [
      'a missing File',
      'Client',
      envelope(fileSdIElement('ricevutaConsegna', { IdentificativoSdI: '1', NomeFile: RC.NomeFile })),
      {},
      /File is missing/,
    ],
    [
      'a mustUnderstand header',
      'MustUnderstand',
      envelope(fileSdIElement('ricevutaConsegna', RC), '<w:Security xmlns:w="urn:x" soapenv:mustUnderstand="1"/>'),
      {},
      /mustUnderstand/,
    ],
    [
      'a broken MTOM package',
      'Client',
      '--x\r\n\r\nhello',
      { contentType: 'multipart/related; boundary=b' },
      /Malformed MIME multipart/,
    ],
  ])('refuses %s with a %s fault', async (_, code, xml, overrides, message) => {
    const { endpoint, received, onFault } = await trasmissione()
    const reply = await endpoint.handle(request(xml, overrides))
    expect(reply.status).toBe(500)
    const fault = faultOf(reply.body)
    expect(fault.code).toBe(`soap:${code}`)
    expect(fault.text).toMatch(message)
    expect(received).toHaveLength(0)
    expect(onFault.mock.calls[0]?.[1]).toMatchObject({ fault: code })
  })

  it('refuses media types other than text/xml and MTOM with 415', async () => {
    const { endpoint } = await trasmissione()
    for (const contentType of ['application/soap+xml', 'application/json', undefined, 'text/xml; charset=iso-8859-1']) {
      const reply = await endpoint.handle(request(envelope(fileSdIElement('ricevutaConsegna', RC)), { contentType }))
      expect(reply.status).toBe(415)
      expect(faultOf(reply.body).code).toBe('soap:Client')
    }
  })

  it("turns a handler's failure into a Server fault that says nothing of it", async () => {
    const { endpoint, onFault } = await trasmissione()
    const reply = await endpoint.handle(
      request(envelope(fileSdIElement('notificaScarto', RC)), { soapAction: undefined }),
    )
    expect(reply.status).toBe(500)
    expect(faultOf(reply.body)).toEqual({
      code: 'soap:Server',
      text: 'NotificaScarto could not be processed; try again later',
    })
    expect(onFault.mock.calls[0]?.[0]).toMatchObject({ message: 'database down' })
  })

  it('lets a handler refuse a message with a Client fault', async () => {
    const { endpoint } = await trasmissione()
    const reply = await endpoint.handle(
      request(envelope(fileSdIElement('notificaEsito', RC)), { soapAction: undefined }),
    )
    expect(faultOf(reply.body)).toEqual({
      code: 'soap:Client',
      text: 'Invalid SdI SOAP request: unknown IdentificativoSdI',
    })
  })

  it('serializes a response and escapes what it writes', async () => {
    const endpoint = await createServiceEndpoint(
      SDI_RICEVI_NOTIFICA,
      {
        notificaEsito: async () => ({
          Esito: 'ES00',
          ScartoEsito: { NomeFile: 'IT01234567890_11111_SE_001.xml', File: Buffer.from('<&>') },
        }),
      },
      { oneWayStatus: 202, onFault: undefined },
    )
    const xml = envelope(
      fileSdIElement('fileSdI', { ...RC, NomeFile: 'IT01234567890_11111_EC_001.xml' }, RICEZIONE_TYPES_NAMESPACE),
    )
    const reply = await endpoint.handle(request(xml, { soapAction: undefined }))
    expect(reply.status).toBe(200)
    expect(reply.body).toContain('<Esito>ES00</Esito><ScartoEsito><NomeFile>IT01234567890_11111_SE_001.xml</NomeFile>')
    expect(reply.body).toContain(`<File>${Buffer.from('<&>').toString('base64')}</File>`)
  })

  it('refuses to send a response that breaks the contract', async () => {
    const endpoint = await createServiceEndpoint(
      SDI_RICEVI_NOTIFICA,
      { notificaEsito: async () => ({ Esito: 'ES09' }) },
      { oneWayStatus: 202, onFault: undefined },
    )
    const xml = envelope(fileSdIElement('fileSdI', RC, RICEZIONE_TYPES_NAMESPACE))
    const reply = await endpoint.handle(request(xml, { soapAction: undefined }))
    expect(faultOf(reply.body)).toEqual({ code: 'soap:Server', text: 'NotificaEsito produced an invalid response' })
  })
})

describe('hostile envelopes', () => {
  it.each([
    [
      'many unterminated comments after Body',
      envelope('').replace('<soapenv:Body>', '<soapenv:Body><!--'.repeat(100_000)),
    ],
    ['many open tags named Body', envelope('').replace('<soapenv:Body>', '<soapenv:Body '.repeat(100_000))],
  ])('are refused in linear time: %s', async (_, xml) => {
    const { endpoint } = await trasmissione()
    const started = performance.now()
    const reply = await endpoint.handle(request(xml))
    expect(faultOf(reply.body).code).toBe('soap:Client')
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('an MTOM root full of unterminated Includes is refused in linear time', async () => {
    const { endpoint } = await trasmissione()
    const root = envelope(
      `<x:Include xmlns:x="http://www.w3.org/2004/08/xop/include" href="cid:a"${' <x:Include'.repeat(100_000)}`,
    )
    const mtom = encodeMtom(root, [])
    const started = performance.now()
    const reply = await endpoint.handle(request(Buffer.concat([...mtom.chunks]), { contentType: mtom.contentType }))
    expect(faultOf(reply.body).code).toBe('soap:Client')
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
