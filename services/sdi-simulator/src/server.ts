// Composition root of the SdI simulator: configuration, its schema, the SdIRiceviFile endpoint over mutual TLS,
// the dispatcher of SdI's messages to the transmitter, and the control API.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import { setTimeout as sleep } from 'node:timers/promises'
import { loadConfigOrExit } from '@varco/config'
import { createPool, migrateSchema } from '@varco/db'
import { createLogger } from '@varco/observability'
import { createTrasmissioneFattureClient, mountSdiServices, mutualTlsServerOptions } from '@varco/sdi-soap'
import { loadPemIdentity, trustStoreFrom } from '@varco/signature'
import { soapRecipientEndpoints } from './adapters/soap/recipient-endpoints.ts'
import { riceviFile } from './adapters/soap/ricevi-file.ts'
import { riceviNotifica } from './adapters/soap/ricevi-notifica.ts'
import { soapTransmitterEndpoint } from './adapters/soap/transmitter-endpoint.ts'
import { SimulatorConfig } from './config.ts'
import { simulatedClock } from './control/clock.ts'
import { buildControlApi } from './control/control-api.ts'
import { healthy, orderly } from './control/faults.ts'
import { scaledWindows } from './domain/plan.ts'
import { deliverDue } from './use-cases/deliver-due.ts'
import { dispatchDue } from './use-cases/dispatch-due.ts'

const SCHEMA = 'sdi_simulator'
const read = (file: string) => readFileSync(file, 'utf8')

const config = loadConfigOrExit(SimulatorConfig, process.env)
const logger = createLogger({ name: 'sdi-simulator', level: config.LOG_LEVEL, pretty: config.LOG_PRETTY })
await migrateSchema({
  databaseUrl: config.DATABASE_URL,
  schema: SCHEMA,
  dir: new URL('../migrations', import.meta.url).pathname,
  logger,
})
const pool = createPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_SIZE,
  logger,
  applicationName: 'sdi-simulator',
})

const clock = simulatedClock()
const faults = healthy()
const notificationFaults = orderly()
const windows = scaledWindows(config.SIMULATOR_TIME_SCALE)
const trust = trustStoreFrom(config.SIMULATOR_TRUST_FILES.split(',').map((file) => read(file.trim())))
const signer = loadPemIdentity({
  key: read(config.SIMULATOR_SIGNER_KEY_FILE),
  certificates: read(config.SIMULATOR_SIGNER_CERT_FILE),
})

const server = createServer(
  mutualTlsServerOptions({
    cert: read(config.SIMULATOR_SERVER_CERT_FILE),
    key: read(config.SIMULATOR_SERVER_KEY_FILE),
    ca: read(config.SIMULATOR_CLIENT_CA_FILE),
  }),
)
const receiveDeps = {
  pool,
  schema: SCHEMA,
  trust,
  windows,
  now: clock.now,
  acceptUnknownCodes: config.SIMULATOR_ACCEPT_UNKNOWN_CODES,
  faults,
  logger,
}
await mountSdiServices(server, {
  sdiRiceviFile: { handlers: { riceviFile: riceviFile(receiveDeps) } },
  sdiRiceviNotifica: {
    handlers: {
      notificaEsito: riceviNotifica({ pool, schema: SCHEMA, signer, windows, now: clock.now, faults, logger }),
    },
  },
  onFault: (fault) => logger.warn({ fault }, 'SOAP fault sent'),
})
await new Promise<void>((resolve) => server.listen(config.SIMULATOR_PORT, config.SIMULATOR_HOST, resolve))

// SdI's client identity, for its calls to transmitters and recipients.
const sdiClient = {
  tls: {
    cert: read(config.SIMULATOR_CLIENT_CERT_FILE),
    key: read(config.SIMULATOR_CLIENT_KEY_FILE),
    ca: read(config.SIMULATOR_PEER_CA_FILE),
  },
  timeoutMs: config.SIMULATOR_CALL_TIMEOUT_MS,
}
const transmitterClient = await createTrasmissioneFattureClient({
  ...sdiClient,
  endpoint: config.SIMULATOR_TRANSMITTER_URL,
})
const recipients = soapRecipientEndpoints(sdiClient)
const dispatchDeps = {
  pool,
  schema: SCHEMA,
  signer,
  transmitter: soapTransmitterEndpoint(transmitterClient),
  recipients,
  windows,
  now: clock.now,
  faults: notificationFaults,
}
const stopping = new AbortController()
async function dispatchLoop(): Promise<void> {
  while (!stopping.signal.aborted) {
    try {
      const delivered = await deliverDue(dispatchDeps)
      // A full batch means more may be due: go again at once.
      if ((await dispatchDue(dispatchDeps)) === 20 || delivered === 10) continue
    } catch (err) {
      logger.error({ err }, 'dispatch failed')
    }
    await sleep(config.SIMULATOR_DISPATCH_INTERVAL_MS, undefined, { signal: stopping.signal }).catch(() => undefined)
  }
}
const dispatching = dispatchLoop()

const control = buildControlApi({ pool, schema: SCHEMA, faults, notificationFaults, clock })
await control.listen({ port: config.SIMULATOR_CONTROL_PORT, host: config.SIMULATOR_HOST })
const address = server.address()
const port = typeof address === 'object' && address !== null ? address.port : config.SIMULATOR_PORT
const controlAddress = control.server.address()
const controlPort = typeof controlAddress === 'object' && controlAddress !== null ? controlAddress.port : 0
logger.info({ port, controlPort }, 'sdi simulator started')

let stopped = false
async function shutdown(signal: string): Promise<void> {
  if (stopped) return
  stopped = true
  logger.info({ signal }, 'sdi simulator stopping')
  stopping.abort()
  await dispatching
  await control.close()
  await new Promise((resolve) => server.close(resolve))
  transmitterClient.close()
  recipients.close()
  await pool.end()
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown('SIGTERM'))
process.once('SIGINT', () => void shutdown('SIGINT'))
