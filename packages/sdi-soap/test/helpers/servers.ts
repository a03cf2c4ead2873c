import { once } from 'node:events'
import { createServer, type Server, type ServerOptions } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mountSdiServices, mutualTlsServerOptions, type SdiServerOptions } from '../../src/index.ts'
import type { TlsPki } from '@varco/testing'

export interface RunningServer {
  readonly server: Server
  /** https://127.0.0.1:<port><path> */
  url(path: string): string
  close(): Promise<void>
}

async function listen(server: Server): Promise<RunningServer> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    server,
    url: (path) => `https://127.0.0.1:${port}${path}`,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

/** An HTTPS server requiring client certificates from the test CA, serving the given SdI services. */
export async function startSdiServer(
  pki: TlsPki,
  options: SdiServerOptions,
  tls?: ServerOptions,
): Promise<RunningServer> {
  const server = createServer({ ...mutualTlsServerOptions(pki.serverIdentity()), ...tls })
  await mountSdiServices(server, options)
  return listen(server)
}

/** The same TLS setup with a hand-written request handler (for timeouts, HTTP errors, captured requests). */
export function startRawServer(
  pki: TlsPki,
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
): Promise<RunningServer> {
  const server = createServer(mutualTlsServerOptions(pki.serverIdentity()), (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handler(req, res, Buffer.concat(chunks)))
  })
  return listen(server)
}
