import { afterEach, describe, expect, it } from 'vitest'
import { once } from 'node:events'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mountSdiServices, type TrasmissioneFattureHandlers } from '../src/index.ts'
import { envelope, fileSdIElement, RC } from './helpers/envelopes.ts'

const servers: Server[] = []
afterEach(() => {
  servers.splice(0).forEach((s) => (s.closeAllConnections(), s.close()))
})

const taken: string[] = []
const take = async (message: { NomeFile: string }): Promise<void> => void taken.push(message.NomeFile)
const handlers: TrasmissioneFattureHandlers = {
  ricevutaConsegna: take,
  notificaMancataConsegna: take,
  notificaScarto: take,
  notificaEsito: take,
  notificaDecorrenzaTermini: take,
  attestazioneTrasmissioneFattura: take,
}

async function listen(server: Server): Promise<number> {
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

function call(port: number, path: string, method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { 'content-type': 'text/xml' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }))
    })
    req.on('error', reject)
    req.end(method === 'POST' ? envelope(fileSdIElement('ricevutaConsegna', RC)) : undefined)
  })
}

describe('mountSdiServices', () => {
  it('serves its paths (trailing slash and query ignored) and leaves the rest to the previous listeners', async () => {
    const server = createServer((_, res) => res.writeHead(200).end('app'))
    const mounted = await mountSdiServices(server, {
      trasmissioneFatture: { path: '/sdi/trasmissione', handlers },
      oneWayStatus: 200,
    })
    expect([...mounted.paths]).toEqual([['/sdi/trasmissione', 'TrasmissioneFatture']])
    const port = await listen(server)
    expect(await call(port, '/sdi/trasmissione/?x=1')).toEqual({ status: 200, body: '' })
    expect(taken).toContain(RC.NomeFile)
    expect(await call(port, '/health', 'GET')).toEqual({ status: 200, body: 'app' })
    mounted.unmount()
    expect(await call(port, '/sdi/trasmissione')).toEqual({ status: 200, body: 'app' })
  })

  it('answers 404 elsewhere when the server had no listener', async () => {
    const server = createServer()
    await mountSdiServices(server, { trasmissioneFatture: { handlers } })
    const port = await listen(server)
    expect((await call(port, '/TrasmissioneFatture')).status).toBe(202)
    expect((await call(port, '/other')).status).toBe(404)
  })

  it('refuses two services on one path', async () => {
    const ricezione = { riceviFatture: async () => ({ Esito: 'ER01' as const }), notificaDecorrenzaTermini: take }
    await expect(
      mountSdiServices(createServer(), {
        trasmissioneFatture: { path: '/sdi', handlers },
        ricezioneFatture: { path: '/sdi/', handlers: ricezione },
      }),
    ).rejects.toMatchObject({ code: 'SDI_SOAP_ERR_CONFIG' })
  })
})
