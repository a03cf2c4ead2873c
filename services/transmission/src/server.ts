// Composition root of the transmission service: configuration, the event-service runtime, the SdI channel, the
// consumer that queues signed invoices, and the workers that transmit them.
import { readFileSync } from 'node:fs'
import { invoiceNotification, invoiceSigned } from '@varco/contracts'
import { loadConfigOrExit } from '@varco/config'
import { startEventService } from '@varco/runtime'
import { createSdIRiceviFileClient } from '@varco/sdi-soap'
import { soapSdiChannel } from './adapters/soap/sdi-channel.ts'
import { TransmissionConfig } from './config.ts'
import { onInvoiceNotification } from './consumers/invoice-notification.ts'
import { onInvoiceSigned } from './consumers/invoice-signed.ts'
import { runWorkers } from './use-cases/run-workers.ts'
import { createTransmitter } from './use-cases/transmit-next.ts'

const SCHEMA = 'transmission'
const now = () => new Date()

const config = loadConfigOrExit(TransmissionConfig, process.env)
const service = await startEventService({
  name: 'transmission',
  schema: SCHEMA,
  migrationsDir: new URL('../migrations', import.meta.url).pathname,
  config,
})
const { logger, pool, documents } = service

const client = await createSdIRiceviFileClient({
  endpoint: config.SDI_RICEVI_FILE_URL,
  tls: {
    cert: readFileSync(config.SDI_CLIENT_CERT_FILE, 'utf8'),
    key: readFileSync(config.SDI_CLIENT_KEY_FILE, 'utf8'),
    ca: readFileSync(config.SDI_SERVER_CA_FILE, 'utf8'),
  },
  timeoutMs: config.SDI_CALL_TIMEOUT_MS,
  maxSockets: config.TRANSMISSION_WORKERS,
})
service.onStop(() => client.close())

const transmitter = createTransmitter({
  pool,
  schema: SCHEMA,
  documents,
  channel: soapSdiChannel(client),
  retry: { backoff: { initialMs: config.RETRY_INITIAL_MS, maxMs: config.RETRY_MAX_MS } },
  breaker: { threshold: config.BREAKER_THRESHOLD, coolDownMs: config.BREAKER_COOL_DOWN_MS },
  rate: { ratePerSecond: config.SDI_RATE_PER_SECOND, burst: config.SDI_RATE_BURST },
  now,
})
const workers = runWorkers({
  pool,
  schema: SCHEMA,
  turn: transmitter.turn,
  workers: config.TRANSMISSION_WORKERS,
  pollMs: config.POLL_INTERVAL_MS,
  staleCallMs: 2 * config.SDI_CALL_TIMEOUT_MS,
  reconciliationWindowMs: config.RECONCILIATION_WINDOW_MS,
  logger,
  now,
})
service.onStop(() => workers.stop())

const deps = { pool, schema: SCHEMA, consumer: config.TRANSMISSION_GROUP_ID, now }
await service.consume({
  groupId: config.TRANSMISSION_GROUP_ID,
  events: [invoiceSigned],
  partitionsConsumedConcurrently: 2,
  handle: (event, { log }) => onInvoiceSigned(event, deps, log),
})
// SdI's notifications settle invoices whose call's answer was lost; its own group, so a backlog of either waits
// for nothing of the other.
const reconciliation = {
  ...deps,
  consumer: `${config.TRANSMISSION_GROUP_ID}-reconciliation`,
  staleCallMs: 2 * config.SDI_CALL_TIMEOUT_MS,
}
await service.consume({
  groupId: reconciliation.consumer,
  events: [invoiceNotification],
  handle: (event, { log }) => onInvoiceNotification(event, reconciliation, log),
})
service.started()
