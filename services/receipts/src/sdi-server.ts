import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import { mountSdiServices, mutualTlsServerOptions } from '@varco/sdi-soap'
import {
  ricezioneFattureHandlers,
  trasmissioneFattureHandlers,
  type SdiEndpointDeps,
} from './adapters/soap/sdi-endpoints.ts'
import type { ReceiptsConfig } from './config.ts'

/**
 * The HTTPS server SdI calls: TrasmissioneFatture and RicezioneFatture at their default paths, mutual TLS with SdI's
 * client certificate required and verified against the configured CA. Listening, its port is in `port`.
 */
export async function startSdiServer(
  config: ReceiptsConfig,
  deps: SdiEndpointDeps,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer(
    mutualTlsServerOptions({
      cert: readFileSync(config.RECEIPTS_SDI_CERT_FILE, 'utf8'),
      key: readFileSync(config.RECEIPTS_SDI_KEY_FILE, 'utf8'),
      ca: readFileSync(config.RECEIPTS_SDI_CLIENT_CA_FILE, 'utf8'),
    }),
  )
  await mountSdiServices(server, {
    trasmissioneFatture: { handlers: trasmissioneFattureHandlers(deps) },
    ricezioneFatture: { handlers: ricezioneFattureHandlers(deps) },
    onFault: (err, info) => {
      if (info.fault === 'Server') deps.logger.error({ err, ...info }, 'SdI call failed')
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.RECEIPTS_SDI_PORT, config.RECEIPTS_SDI_HOST, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.RECEIPTS_SDI_PORT
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeIdleConnections()
    })
  return { server, port, close }
}
