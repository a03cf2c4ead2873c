import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { recordingServices, requests, responses, type Received } from './helpers/fixtures.ts'
import { inline, officialClient, type OfficialClient } from './helpers/official-client.ts'
import { startSdiServer, type RunningServer } from './helpers/servers.ts'
import { createTlsPki, type TlsPki } from '@varco/testing'

// Our servers must take what any conforming client builds from the OFFICIAL WSDLs: here the soap package's own client
// (axios, its own envelope and MTOM packaging), inline and MTOM.

let pki: TlsPki
let server: RunningServer
const received: Received[] = []
const clients: OfficialClient[] = []

beforeAll(async () => {
  pki = createTlsPki()
  server = await startSdiServer(pki, recordingServices(received))
})
afterAll(async () => {
  clients.forEach((c) => c.close())
  await server.close()
})

async function client(service: Parameters<typeof officialClient>[0]): Promise<OfficialClient> {
  const c = await officialClient(service, server.url(`/${service}`), pki)
  clients.push(c)
  return c
}

const last = (): Received => received.at(-1)!

describe('a client built from the official WSDLs', () => {
  it('calls SdIRiceviFile.RiceviFile inline and with MTOM', async () => {
    const c = await client('SdIRiceviFile')
    const [result] = await c.call('RiceviFile', inline(requests.riceviFile))
    // soap's own client turns xsd:dateTime into a Date.
    expect(result).toEqual({
      ...responses.riceviFile,
      DataOraRicezione: new Date(responses.riceviFile.DataOraRicezione),
    })
    expect(last()).toMatchObject({ request: requests.riceviFile, context: { mtom: false } })
    await c.callMtom('RiceviFile', { NomeFile: requests.riceviFile.NomeFile }, { File: requests.riceviFile.File })
    expect(last()).toMatchObject({ request: requests.riceviFile, context: { mtom: true } })
  })

  it('calls SdIRiceviNotifica.NotificaEsito and reads ScartoEsito', async () => {
    const c = await client('SdIRiceviNotifica')
    const [result] = await c.call('NotificaEsito', inline(requests.notificaEsitoSdI))
    expect(result).toEqual({
      Esito: 'ES00',
      ScartoEsito: inline(responses.notificaEsito.ScartoEsito),
    })
    expect(last()).toMatchObject({ method: 'notificaEsitoSdI', request: requests.notificaEsitoSdI })
  })

  it('calls the six one-way operations of TrasmissioneFatture', async () => {
    const c = await client('TrasmissioneFatture')
    const operations = {
      ricevutaConsegna: 'RicevutaConsegna',
      notificaMancataConsegna: 'NotificaMancataConsegna',
      notificaScarto: 'NotificaScarto',
      notificaEsito: 'NotificaEsito',
      notificaDecorrenzaTermini: 'NotificaDecorrenzaTermini',
      attestazioneTrasmissioneFattura: 'AttestazioneTrasmissioneFattura',
    } as const
    for (const [method, operation] of Object.entries(operations)) {
      const request = requests.trasmissione[method as keyof typeof operations]
      const [result, raw] = await c.call(operation, inline(request))
      expect(result).toBeNull()
      expect(raw).toBe('')
      expect(last()).toMatchObject({ method, request })
      const { File, ...rest } = request
      await c.callMtom(operation, rest, { File })
      expect(last()).toMatchObject({ method, request, context: { mtom: true } })
    }
  })

  it('calls RicezioneFatture with both binaries as MTOM attachments', async () => {
    const c = await client('RicezioneFatture')
    const { File, Metadati, ...rest } = requests.riceviFatture
    const [result] = await c.callMtom('RiceviFatture', rest, { File, Metadati })
    expect(result).toEqual(responses.riceviFatture)
    expect(last()).toMatchObject({ method: 'riceviFatture', request: requests.riceviFatture, context: { mtom: true } })
    await c.call('NotificaDecorrenzaTermini', inline(requests.decorrenzaTermini))
    expect(last()).toMatchObject({ method: 'decorrenzaTermini', request: requests.decorrenzaTermini })
  })

  it.each([
    ['MTOM', true],
    ['inline base64', false],
  ])('sends a 4.9 MB file, %s, that arrives byte for byte', async (_, mtom) => {
    const c = await client('SdIRiceviFile')
    const File = randomBytes(4_900_000)
    const NomeFile = 'IT01234567890_00003.zip'
    await (mtom ? c.callMtom('RiceviFile', { NomeFile }, { File }) : c.call('RiceviFile', inline({ NomeFile, File })))
    expect((last().request as { File: Buffer }).File.equals(File)).toBe(true)
    expect(last().context.mtom).toBe(mtom)
  })
})
