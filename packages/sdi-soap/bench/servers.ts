import { once } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { mountSdiServices, mutualTlsServerOptions, type RiceviFileResponse, type TlsIdentity } from '../src/index.ts'

/*
 * The two servers of the benchmark, on 127.0.0.1, with the same TLS options (mutualTlsServerOptions: a client
 * certificate from the test CA is required) and Node's default keep-alive (5 s):
 *   - SOAP: mountSdiServices serving SdIRiceviFile, whose handler answers at once;
 *   - bare: reads the whole body and answers a fixed text (set to what the SOAP server answers, see setBareReply).
 */

export const RICEVI_FILE_RESPONSE: RiceviFileResponse = {
  IdentificativoSdI: '987654321012',
  DataOraRicezione: '2025-04-01T10:15:30.000+02:00',
}

export const SOAP_PATH = '/SdIRiceviFile'

export interface BenchServers {
  /** https://127.0.0.1:<port>/SdIRiceviFile */
  readonly soapUrl: string
  /** https://127.0.0.1:<port>/ */
  readonly bareUrl: string
  /** The bytes the bare server answers from now on (text/xml). */
  setBareReply(body: Buffer): void
  close(): Promise<void>
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections()
  server.close()
  await once(server, 'close')
}

export async function startBenchServers(identity: TlsIdentity): Promise<BenchServers> {
  const soap = createServer(mutualTlsServerOptions(identity))
  await mountSdiServices(soap, {
    sdiRiceviFile: { handlers: { riceviFile: () => Promise.resolve(RICEVI_FILE_RESPONSE) } },
  })
  let reply = '<ok/>'
  const bareHandler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      Buffer.concat(chunks)
      // Written as mountSdiServices writes its replies: text, content-length and content-type only.
      const headers = { 'content-length': Buffer.byteLength(reply), 'content-type': 'text/xml; charset=utf-8' }
      res.writeHead(200, headers).end(reply)
    })
  }
  const bare = createServer(mutualTlsServerOptions(identity), bareHandler)
  const [soapPort, barePort] = [await listen(soap), await listen(bare)]
  return {
    soapUrl: `https://127.0.0.1:${soapPort}${SOAP_PATH}`,
    bareUrl: `https://127.0.0.1:${barePort}/`,
    setBareReply(body) {
      reply = body.toString('utf8')
    },
    close: async () => {
      await Promise.all([close(soap), close(bare)])
    },
  }
}
