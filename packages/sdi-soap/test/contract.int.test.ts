import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IncomingHttpHeaders } from 'node:http'
import {
  createRicezioneFattureClient,
  createSdIRiceviFileClient,
  createSdIRiceviNotificaClient,
  createTrasmissioneFattureClient,
  type NotificaEsitoResponse,
  type RiceviFileResponse,
} from '../src/index.ts'
import { parseMediaType } from '../src/mtom/content-type.ts'
import { decodeMtom } from '../src/mtom/xop-decode.ts'
import { requests } from './helpers/fixtures.ts'
import {
  boundOperations,
  loadOfficialSchemas,
  loadOfficialWsdl,
  OFFICIAL_WSDL,
  type OfficialSchemas,
} from './helpers/official.ts'
import { inline, officialClient } from './helpers/official-client.ts'
import { startRawServer, startSdiServer, type RunningServer } from './helpers/servers.ts'
import { createTlsPki, type TlsPki } from '@varco/testing'

// Every request our clients send, and every response our servers produce, must validate against the OFFICIAL
// schemas (TrasmissioneTypes_v1.1.xsd, RicezioneTypes_v1.0.xsd) and carry the OFFICIAL WSDLs' SOAPActions.

interface Captured {
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

let pki: TlsPki
let schemas: OfficialSchemas
let capture: RunningServer
const captured: Captured[] = []

// Canned answers of the capturing server, by SOAPAction: a valid response, or nothing for one-way operations.
const ANSWERS: Record<string, string> = {
  'http://www.fatturapa.it/SdIRiceviFile/RiceviFile':
    '<t:rispostaSdIRiceviFile xmlns:t="http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0/types"><IdentificativoSdI>1</IdentificativoSdI><DataOraRicezione>2025-01-01T00:00:00Z</DataOraRicezione></t:rispostaSdIRiceviFile>',
  'http://www.fatturapa.it/SdIRicezioneNotifiche/NotificaEsito':
    '<t:rispostaSdINotificaEsito xmlns:t="http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types"><Esito>ES01</Esito></t:rispostaSdINotificaEsito>',
  'http://www.fatturapa.it/RicezioneFatture/RiceviFattureSdI':
    '<t:rispostaRiceviFatture xmlns:t="http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types"><Esito>ER01</Esito></t:rispostaRiceviFatture>',
}

beforeAll(async () => {
  pki = createTlsPki()
  schemas = loadOfficialSchemas()
  capture = await startRawServer(pki, (req, res, body) => {
    captured.push({ headers: req.headers, body })
    const answer = ANSWERS[String(req.headers.soapaction).replaceAll('"', '')]
    if (answer === undefined) return void res.writeHead(202).end()
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
    res.end(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${answer}</s:Body></s:Envelope>`)
  })
})
afterAll(async () => {
  schemas.dispose()
  await capture.close()
})

/** The envelope of a captured request with its XOP package resolved back to inline base64 (the XOP infoset). */
function infoset(request: Captured): { xml: string; mtom: boolean } {
  const media = parseMediaType(request.headers['content-type'])!
  if (media.type !== 'multipart/related') return { xml: request.body.toString('utf8'), mtom: false }
  expect(media.params.get('type')).toBe('application/xop+xml')
  expect(media.params.get('start-info')).toBe('text/xml')
  const message = decodeMtom(request.body, media)
  let xml = message.xml
  for (const [marker, bytes] of message.attachments) xml = xml.replace(marker, bytes.toString('base64'))
  return { xml, mtom: true }
}

async function officialActions(): Promise<Map<string, string>> {
  const actions = new Map<string, string>()
  for (const path of Object.values(OFFICIAL_WSDL)) {
    for (const [name, op] of boundOperations(await loadOfficialWsdl(path)))
      actions.set(`${path}#${name}`, op.soapAction)
  }
  return actions
}

describe.each([
  ['MTOM', true],
  ['inline base64', false],
])('requests our clients send, %s', (_, mtom) => {
  it('validate against the official XSDs and carry the official SOAPActions', async () => {
    captured.length = 0
    const options = (path: string) => ({ endpoint: capture.url(path), tls: pki.clientIdentity(), mtom })
    const expected: [string, string][] = []
    const sdiFile = await createSdIRiceviFileClient(options('/SdIRiceviFile'))
    await sdiFile.riceviFile(requests.riceviFile)
    expected.push([OFFICIAL_WSDL.SdIRiceviFile, 'RiceviFile'])
    const sdiNotifica = await createSdIRiceviNotificaClient(options('/SdIRiceviNotifica'))
    await sdiNotifica.notificaEsito(requests.notificaEsitoSdI)
    expected.push([OFFICIAL_WSDL.SdIRiceviNotifica, 'NotificaEsito'])
    const trasmissione = await createTrasmissioneFattureClient(options('/TrasmissioneFatture'))
    for (const [method, request] of Object.entries(requests.trasmissione)) {
      await trasmissione[method as keyof typeof requests.trasmissione](request)
      expected.push([OFFICIAL_WSDL.TrasmissioneFatture, method.charAt(0).toUpperCase() + method.slice(1)])
    }
    const ricezione = await createRicezioneFattureClient(options('/RicezioneFatture'))
    await ricezione.riceviFatture(requests.riceviFatture)
    expected.push([OFFICIAL_WSDL.RicezioneFatture, 'RiceviFatture'])
    await ricezione.notificaDecorrenzaTermini(requests.decorrenzaTermini)
    expected.push([OFFICIAL_WSDL.RicezioneFatture, 'NotificaDecorrenzaTermini'])
    ;[sdiFile, sdiNotifica, trasmissione, ricezione].forEach((c) => c.close())

    const actions = await officialActions()
    expect(captured).toHaveLength(expected.length)
    captured.forEach((request, i) => {
      const [wsdl, operation] = expected[i]!
      expect(request.headers.soapaction).toBe(`"${actions.get(`${wsdl}#${operation}`)}"`)
      const { xml, mtom: sentAsMtom } = infoset(request)
      expect(sentAsMtom).toBe(mtom)
      const verdict = schemas.validateBody(xml)
      expect(verdict, `${operation}: ${verdict.problems.join('; ')}`).toMatchObject({ valid: true })
    })
  })
})

describe('responses our servers produce', () => {
  let server: RunningServer
  let riceviFile: RiceviFileResponse = { IdentificativoSdI: '1', DataOraRicezione: '2025-01-01T00:00:00Z' }
  let notificaEsito: NotificaEsitoResponse = { Esito: 'ES01' }
  const none = async (): Promise<void> => undefined

  beforeAll(async () => {
    server = await startSdiServer(pki, {
      sdiRiceviFile: { handlers: { riceviFile: async () => riceviFile } },
      sdiRiceviNotifica: { handlers: { notificaEsito: async () => notificaEsito } },
      ricezioneFatture: {
        handlers: { riceviFatture: async () => ({ Esito: 'ER01' }), notificaDecorrenzaTermini: none },
      },
    })
  })
  afterAll(() => server.close())

  const valid = (raw: string): void => {
    const verdict = schemas.validateBody(raw)
    expect(verdict, verdict.problems.join('; ')).toMatchObject({ valid: true })
  }

  it.each<[string, RiceviFileResponse]>([
    ['accepted', { IdentificativoSdI: '123456789012', DataOraRicezione: '2025-04-01T10:15:30.123+02:00' }],
    ['refused at the door', { IdentificativoSdI: '0', DataOraRicezione: '2025-04-01T10:15:30Z', Errore: 'EI03' }],
  ])('rispostaSdIRiceviFile, %s', async (_, response) => {
    riceviFile = response
    const c = await officialClient('SdIRiceviFile', server.url('/SdIRiceviFile'), pki)
    try {
      valid((await c.call('RiceviFile', inline(requests.riceviFile)))[1])
    } finally {
      c.close()
    }
  })

  it.each<[string, NotificaEsitoResponse]>([
    ['ES01', { Esito: 'ES01' }],
    [
      'ES00 with ScartoEsito',
      { Esito: 'ES00', ScartoEsito: { NomeFile: 'IT01234567890_11111_SE_001.xml', File: Buffer.from('<x/>') } },
    ],
    ['ES02', { Esito: 'ES02' }],
  ])('rispostaSdINotificaEsito, %s', async (_, response) => {
    notificaEsito = response
    const c = await officialClient('SdIRiceviNotifica', server.url('/SdIRiceviNotifica'), pki)
    try {
      valid((await c.call('NotificaEsito', inline(requests.notificaEsitoSdI)))[1])
    } finally {
      c.close()
    }
  })

  it('rispostaRiceviFatture', async () => {
    const c = await officialClient('RicezioneFatture', server.url('/RicezioneFatture'), pki)
    try {
      valid((await c.call('RiceviFatture', inline(requests.riceviFatture)))[1])
    } finally {
      c.close()
    }
  })
})
