// Composition root of the transmission service: configuration, the event-service runtime, the SdI channel, the
// consumers that queue signed invoices and clients' outcomes, and the workers that send them to SdI.
import { readFileSync } from 'node:fs'
import { invoiceNotification, invoiceOutcomeRequested, invoiceSigned } from '@varco/contracts'
import { loadConfigOrExit } from '@varco/config'
import { startEventService } from '@varco/runtime'
import { createSdIRiceviFileClient, createSdIRiceviNotificaClient } from '@varco/sdi-soap'
import { recoverInterruptedOutcomes } from './adapters/pg/outcomes.ts'
import { recoverInterrupted } from './adapters/pg/transmissions.ts'
import { soapNotificaChannel } from './adapters/soap/notifica-channel.ts'
import { soapSdiChannel } from './adapters/soap/sdi-channel.ts'
import { TransmissionConfig } from './config.ts'
import { onInvoiceNotification } from './consumers/invoice-notification.ts'
import { onInvoiceSigned } from './consumers/invoice-signed.ts'
import { onOutcomeRequested } from './consumers/outcome-requested.ts'
import { runWorkers } from './use-cases/run-workers.ts'
import { createOutcomeSender } from './use-cases/send-next-outcome.ts'
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

const tls = {
  cert: readFileSync(config.SDI_CLIENT_CERT_FILE, 'utf8'),
  key: readFileSync(config.SDI_CLIENT_KEY_FILE, 'utf8'),
  ca: readFileSync(config.SDI_SERVER_CA_FILE, 'utf8'),
}
const client = await createSdIRiceviFileClient({
  endpoint: config.SDI_RICEVI_FILE_URL,
  tls,
  timeoutMs: config.SDI_CALL_TIMEOUT_MS,
  maxSockets: config.TRANSMISSION_WORKERS,
})
service.onStop(() => client.close())
const notificaClient = await createSdIRiceviNotificaClient({
  endpoint: config.SDI_RICEVI_NOTIFICA_URL,
  tls,
  timeoutMs: config.SDI_CALL_TIMEOUT_MS,
  maxSockets: config.OUTCOME_WORKERS,
})
service.onStop(() => notificaClient.close())

const retry = { backoff: { initialMs: config.RETRY_INITIAL_MS, maxMs: config.RETRY_MAX_MS } }
const transmitter = createTransmitter({
  pool,
  schema: SCHEMA,
  documents,
  channel: soapSdiChannel(client),
  retry,
  breaker: { threshold: config.BREAKER_THRESHOLD, coolDownMs: config.BREAKER_COOL_DOWN_MS },
  rate: { ratePerSecond: config.SDI_RATE_PER_SECOND, burst: config.SDI_RATE_BURST },
  now,
})
const staleCallMs = 2 * config.SDI_CALL_TIMEOUT_MS
const recoverEveryMs = Math.max(1000, staleCallMs / 2)
const staleBefore = () => new Date(now().getTime() - staleCallMs)
const workers = runWorkers({
  name: 'transmissions',
  turn: transmitter.turn,
  workers: config.TRANSMISSION_WORKERS,
  pollMs: config.POLL_INTERVAL_MS,
  recover: () => recoverInterrupted(pool, SCHEMA, staleBefore(), config.RECONCILIATION_WINDOW_MS),
  recoverEveryMs,
  logger,
})
service.onStop(() => workers.stop())

const outcomeSender = createOutcomeSender({
  pool,
  schema: SCHEMA,
  documents,
  channel: soapNotificaChannel(notificaClient),
  retry,
  now,
})
const outcomeWorkers = runWorkers({
  name: 'outcomes',
  turn: outcomeSender.turn,
  workers: config.OUTCOME_WORKERS,
  pollMs: config.POLL_INTERVAL_MS,
  recover: () => recoverInterruptedOutcomes(pool, SCHEMA, staleBefore()),
  recoverEveryMs,
  logger,
})
service.onStop(() => outcomeWorkers.stop())

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
  staleCallMs,
}
await service.consume({
  groupId: reconciliation.consumer,
  events: [invoiceNotification],
  handle: (event, { log }) => onInvoiceNotification(event, reconciliation, log),
})
const outcomes = { pool, schema: SCHEMA, consumer: config.OUTCOME_GROUP_ID, documents, now }
await service.consume({
  groupId: config.OUTCOME_GROUP_ID,
  events: [invoiceOutcomeRequested],
  handle: (event, { log }) => onOutcomeRequested(event, outcomes, log),
})
service.started()
