// Composition root of the signing service: configuration, the event-service runtime, identities, consumer.
import { invoiceValidated } from '@varco/contracts'
import { loadConfigOrExit } from '@varco/config'
import { startEventService } from '@varco/runtime'
import { createIdentityCache } from './adapters/identities/identity-cache.ts'
import { loadIdentity } from './adapters/identities/load-identity.ts'
import { secretsDirectory } from './adapters/identities/secrets.ts'
import { SIGNING_SCHEMA, signingMigrationsDir } from './adapters/pg/schema.ts'
import { SigningConfig } from './config.ts'
import { onInvoiceValidated } from './consumers/invoice-validated.ts'
import { identityName } from './domain/identities.ts'

const config = loadConfigOrExit(SigningConfig, process.env)
const service = await startEventService({
  name: 'signing',
  schema: SIGNING_SCHEMA,
  migrationsDir: signingMigrationsDir,
  config,
})
const { logger, pool, documents } = service
const secrets = secretsDirectory(config.SIGNING_SECRETS_DIR)
const signers = createIdentityCache({
  load: (identity) => loadIdentity(identity, { secrets, defaultPkcs11Module: config.SIGNING_PKCS11_MODULE }),
  maxEntries: config.SIGNING_IDENTITY_CACHE_SIZE,
  onCloseError: (err, identity) =>
    logger.warn({ err, identity: identityName(identity) }, 'signing identity did not close cleanly'),
})
// Closed once the consumer stopped: no signature is under way, so every token session can end.
service.onStop(() => signers.close())

const deps = {
  pool,
  documents,
  signers,
  schema: SIGNING_SCHEMA,
  consumer: config.SIGNING_GROUP_ID,
  now: () => new Date(),
}
await service.consume({
  groupId: config.SIGNING_GROUP_ID,
  events: [invoiceValidated],
  partitionsConsumedConcurrently: 2,
  handle: (event, { log }) => onInvoiceValidated(event, deps, log),
})
service.started()
