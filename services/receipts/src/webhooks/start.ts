import type { AddressInfo } from 'node:net'
import { parseKeyring } from '@varco/documents'
import type { EventService } from '@varco/runtime'
import { createSender } from './adapters/http/sender.ts'
import { buildInternalApp } from './api/app.ts'
import { webhookUseCases } from './api/use-cases.ts'
import type { WebhookConfig } from './config.ts'
import { deliverNext } from './delivery/deliver-next.ts'
import { onWebhookEvent } from './delivery/on-event.ts'
import { runWebhookWorkers } from './delivery/workers.ts'
import { deliveredEvents } from './domain/event-types.ts'
import { WebhookConfigInvalid } from './errors.ts'
import { createSecretBox } from './secret-box.ts'

/** The receipts service's schema, where the webhook tables live beside its own. */
export const RECEIPTS_SCHEMA = 'receipts'

export interface RunningWebhooks {
  /** The internal API's address (its port when RECEIPTS_INTERNAL_PORT=0). */
  readonly address: AddressInfo
}

/**
 * Starts the webhook part inside the receipts service: the internal API, the delivery workers and the consumer of
 * every delivered event type. Shutdown (through `service`): the API stops taking requests first, then the consumer,
 * then the workers finish their attempts in flight, then the HTTP agent closes.
 */
export async function startWebhooks(service: EventService, config: WebhookConfig): Promise<RunningWebhooks> {
  if (config.WEBHOOK_LEASE_MS <= config.WEBHOOK_TIMEOUT_MS) {
    throw new WebhookConfigInvalid('WEBHOOK_LEASE_MS must be longer than WEBHOOK_TIMEOUT_MS')
  }
  const { pool, logger } = service
  const log = logger.child({ component: 'webhooks' })
  const schema = RECEIPTS_SCHEMA
  const now = () => new Date()
  const secrets = createSecretBox(parseKeyring(config.DOCUMENT_KEYS, config.DOCUMENT_ACTIVE_KEY))
  const destinations = {
    allowHttp: config.WEBHOOK_ALLOW_HTTP,
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  }
  const sender = createSender({
    ...destinations,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    connectionsPerOrigin: Math.min(config.WEBHOOK_WORKERS, 8),
  })
  const deliver = {
    pool,
    schema,
    send: sender.send,
    secrets,
    retry: {
      initialMs: config.WEBHOOK_RETRY_INITIAL_MS,
      maxMs: config.WEBHOOK_RETRY_MAX_MS,
      windowMs: config.WEBHOOK_RETRY_WINDOW_MS,
    },
    disabling: { windowMs: config.WEBHOOK_DISABLE_AFTER_MS, minFailures: config.WEBHOOK_DISABLE_MIN_FAILURES },
    leaseMs: config.WEBHOOK_LEASE_MS,
    logger: log,
    now,
    random: Math.random,
  }
  const workers = runWebhookWorkers({
    turn: () => deliverNext(deliver),
    workers: config.WEBHOOK_WORKERS,
    pollMs: config.WEBHOOK_POLL_INTERVAL_MS,
    logger: log,
  })
  // Registered before the consumer starts, so it runs after the consumer stopped (onStop closes run in reverse).
  service.onStop(() => sender.close())
  service.onStop(() => workers.stop())

  const useCases = webhookUseCases({
    pool,
    schema,
    secrets,
    destinations,
    secretOverlapMs: config.WEBHOOK_SECRET_OVERLAP_MS,
    now,
    wake: workers.wake,
  })
  const app = await buildInternalApp({ useCases, token: config.RECEIPTS_INTERNAL_TOKEN, logger: log })
  await app.listen({ host: config.RECEIPTS_INTERNAL_HOST, port: config.RECEIPTS_INTERNAL_PORT })
  service.onStopping(() => app.close())

  const consumerDeps = { pool, schema, consumer: config.WEBHOOK_GROUP_ID, now, wake: workers.wake }
  await service.consume({
    groupId: config.WEBHOOK_GROUP_ID,
    events: deliveredEvents,
    partitionsConsumedConcurrently: 4,
    handle: (event, { log: eventLog }) => onWebhookEvent(event, consumerDeps, eventLog),
  })
  const address = app.server.address() as AddressInfo
  log.info({ host: address.address, port: address.port }, 'webhooks internal API listening')
  return { address }
}
