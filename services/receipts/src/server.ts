// Composition root of the receipts service: configuration, the event-service runtime, the HTTPS server SdI calls
// (TrasmissioneFatture, RicezioneFatture), the consumer that learns of the files this gateway transmits, and the
// webhooks (their internal API and the delivery of every event to the tenants' subscribers).
import { readFileSync } from 'node:fs'
import { invoiceSigned, invoiceTransmitted, invoiceValidated } from '@varco/contracts'
import { loadConfigOrExit } from '@varco/config'
import { startEventService } from '@varco/runtime'
import { trustStoreFrom } from '@varco/signature'
import { ReceiptsConfig } from './config.ts'
import { onOutboundEvent } from './consumers/outbound-events.ts'
import { startSdiServer } from './sdi-server.ts'
import { startWebhooks } from './webhooks/start.ts'

const SCHEMA = 'receipts'
const SOURCE = 'receipts'
const now = () => new Date()
const pemBundles = (files: string) => files.split(',').map((file) => readFileSync(file.trim(), 'utf8'))

const config = loadConfigOrExit(ReceiptsConfig, process.env)
const service = await startEventService({
  name: 'receipts',
  schema: SCHEMA,
  migrationsDir: new URL('../migrations', import.meta.url).pathname,
  config,
})
const { logger, pool, documents } = service

const sdi = await startSdiServer(config, {
  pool,
  schema: SCHEMA,
  documents,
  logger,
  now,
  source: SOURCE,
  sdiTrust: trustStoreFrom(pemBundles(config.SDI_MESSAGE_CA_FILES)),
  signerTrust: trustStoreFrom(pemBundles(config.INCOMING_SIGNER_TRUST_FILES)),
})
// SdI's calls in flight finish while the pool and the relay are still there.
service.onStopping(() => sdi.close())

const deps = { pool, schema: SCHEMA, consumer: config.RECEIPTS_GROUP_ID, source: SOURCE, now }
await service.consume({
  groupId: config.RECEIPTS_GROUP_ID,
  events: [invoiceValidated, invoiceSigned, invoiceTransmitted],
  partitionsConsumedConcurrently: 2,
  handle: (event, { log }) => onOutboundEvent(event, deps, log),
})
logger.info({ sdiPort: sdi.port }, 'receipts SdI endpoints listening')
await startWebhooks(service, config)
service.started()
