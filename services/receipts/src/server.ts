// Composition root of the receipts service. For now it composes only the webhook part (the SdI endpoints and the
// lifecycle projection join it here): configuration, the event-service runtime, then startWebhooks.
import Type from 'typebox'
import { commonConfigProperties, loadConfigOrExit } from '@varco/config'
import { documentConfigProperties } from '@varco/documents'
import { startEventService } from '@varco/runtime'
import { webhookConfigProperties } from './webhooks/config.ts'
import { RECEIPTS_SCHEMA, startWebhooks } from './webhooks/start.ts'

const ReceiptsConfig = Type.Object({
  ...commonConfigProperties,
  ...documentConfigProperties,
  TOPIC_PREFIX: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', default: 'varco' }),
  ...webhookConfigProperties,
})

const config = loadConfigOrExit(ReceiptsConfig, process.env)
const service = await startEventService({
  name: 'receipts',
  schema: RECEIPTS_SCHEMA,
  migrationsDir: new URL('../migrations', import.meta.url).pathname,
  config,
})
await startWebhooks(service, config)
service.started()
