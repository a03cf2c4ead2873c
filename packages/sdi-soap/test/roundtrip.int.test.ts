import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import {
  createRicezioneFattureClient,
  createSdIRiceviFileClient,
  createSdIRiceviNotificaClient,
  createTrasmissioneFattureClient,
  mutualTlsAgent,
} from '../src/index.ts'
import { recordingServices, requests, responses, type Received } from './helpers/fixtures.ts'
import { startSdiServer, type RunningServer } from './helpers/servers.ts'
import { createTlsPki, type TlsPki } from '@varco/testing'

let pki: TlsPki
let server: RunningServer
const received: Received[] = []

beforeAll(async () => {
  pki = createTlsPki()
  server = await startSdiServer(pki, recordingServices(received))
})
afterAll(() => server.close())

const last = (): Received => received.at(-1)!

describe.each([
  ['MTOM', true],
  ['inline base64', false],
])('our clients and servers, %s', (_, mtom) => {
  const options = (path: string) => ({ endpoint: server.url(path), tls: pki.clientIdentity(), mtom })

  it('SdIRiceviFile.RiceviFile', async () => {
    const client = await createSdIRiceviFileClient(options('/SdIRiceviFile'))
    try {
      expect(await client.riceviFile(requests.riceviFile)).toEqual(responses.riceviFile)
      expect(last()).toMatchObject({ method: 'riceviFile', request: requests.riceviFile })
      expect(last().context).toMatchObject({ service: 'SdIRiceviFile', operation: 'RiceviFile', mtom })
      expect(last().context.peerCertificate()?.subject.CN).toBe('SdI Test Client')
    } finally {
      client.close()
    }
  })

  it('SdIRiceviNotifica.NotificaEsito', async () => {
    const client = await createSdIRiceviNotificaClient(options('/SdIRiceviNotifica'))
    try {
      expect(await client.notificaEsito(requests.notificaEsitoSdI)).toEqual(responses.notificaEsito)
      expect(last()).toMatchObject({ method: 'notificaEsitoSdI', request: requests.notificaEsitoSdI })
    } finally {
      client.close()
    }
  })

  it('TrasmissioneFatture: all six one-way operations', async () => {
    const client = await createTrasmissioneFattureClient(options('/TrasmissioneFatture'))
    try {
      for (const [method, request] of Object.entries(requests.trasmissione)) {
        await expect(client[method as keyof typeof requests.trasmissione](request)).resolves.toBeUndefined()
        expect(last()).toMatchObject({ method, request })
      }
    } finally {
      client.close()
    }
  })

  it('RicezioneFatture: RiceviFatture and NotificaDecorrenzaTermini', async () => {
    const client = await createRicezioneFattureClient(options('/RicezioneFatture'))
    try {
      expect(await client.riceviFatture(requests.riceviFatture)).toEqual(responses.riceviFatture)
      expect(last()).toMatchObject({ method: 'riceviFatture', request: requests.riceviFatture })
      await client.notificaDecorrenzaTermini(requests.decorrenzaTermini)
      expect(last()).toMatchObject({ method: 'decorrenzaTermini', request: requests.decorrenzaTermini })
    } finally {
      client.close()
    }
  })

  it('carries a 4.9 MB file byte for byte', async () => {
    const client = await createSdIRiceviFileClient(options('/SdIRiceviFile'))
    try {
      const File = randomBytes(4_900_000)
      await client.riceviFile({ NomeFile: 'IT01234567890_00002.zip', File })
      expect((last().request as { File: Buffer }).File.equals(File)).toBe(true)
      expect(last().context.mtom).toBe(mtom)
    } finally {
      client.close()
    }
  })
})

describe('connections', () => {
  it('are kept alive and shared: 32 concurrent calls, then more, on at most 32 sockets', async () => {
    let connections = 0
    server.server.on('secureConnection', () => connections++)
    const agent = mutualTlsAgent(pki.clientIdentity(), { maxSockets: 32 })
    const client = await createTrasmissioneFattureClient({ endpoint: server.url('/TrasmissioneFatture'), agent })
    try {
      const round = () =>
        Promise.all(Array.from({ length: 32 }, () => client.ricevutaConsegna(requests.trasmissione.ricevutaConsegna)))
      await round()
      await round()
      expect(connections).toBeGreaterThan(0)
      expect(connections).toBeLessThanOrEqual(32)
    } finally {
      client.close()
      agent.destroy()
    }
  })
})
