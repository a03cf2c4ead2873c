// Composition root of the validation service: configuration, the event-service runtime, operator files, consumer.
import { invoiceReceived } from '@varco/contracts'
import { loadConfigOrExit } from '@varco/config'
import { startEventService } from '@varco/runtime'
import { loadFormatSchema, loadTrust } from './adapters/operator-files.ts'
import { ValidationConfig } from './config.ts'
import { onInvoiceReceived } from './consumers/invoice-received.ts'

const SCHEMA = 'validation'

const config = loadConfigOrExit(ValidationConfig, process.env)
const service = await startEventService({
  name: 'validation',
  schema: SCHEMA,
  migrationsDir: new URL('../migrations', import.meta.url).pathname,
  config,
})
const { logger, pool, documents } = service
const trust = loadTrust(config.SIGNATURE_TRUST_FILES, logger)
const xsd = loadFormatSchema(config.FATTURAPA_XSD_DIR, logger)
service.onStop(() => xsd?.[Symbol.dispose]())

const deps = { pool, documents, trust, xsd, schema: SCHEMA, consumer: config.VALIDATION_GROUP_ID }
await service.consume({
  groupId: config.VALIDATION_GROUP_ID,
  events: [invoiceReceived],
  partitionsConsumedConcurrently: 2,
  handle: (event, { log }) => onInvoiceReceived(event, deps, log),
})
service.started()
