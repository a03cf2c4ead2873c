import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { withTransaction, type Queryable } from '@varco/db'
import type { Logger } from '@varco/observability'
import {
  claimDue,
  lockHealth,
  recordAttempt,
  storeHealth,
  type ClaimedDelivery,
  type DeliveryNext,
} from '../adapters/pg/claims.ts'
import { queueMessage } from '../adapters/pg/messages.ts'
import { subscribersOf } from '../adapters/pg/subscriptions.ts'
import { nextRetry, type RetryPolicy } from '../domain/backoff.ts'
import { afterAttempt, type DisablingRule } from '../domain/disabling.ts'
import { WEBHOOK_DISABLED } from '../domain/event-types.ts'
import { messageOfDisabling } from '../domain/payload.ts'
import { accepted, attemptError, type SendWebhook, type WebhookResponse } from '../domain/sender.ts'
import { signatureHeader } from '../domain/signature.ts'
import type { SecretBox } from '../secret-box.ts'

export interface DeliverDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly send: SendWebhook
  readonly secrets: SecretBox
  readonly retry: RetryPolicy
  readonly disabling: DisablingRule
  readonly leaseMs: number
  readonly logger: Logger
  readonly now: () => Date
  readonly random: () => number
}

/** The alert field of the log line written when a subscription is disabled: a stable key for log-based alerts. */
export const DISABLED_ALERT = 'WEBHOOK_SUBSCRIPTION_DISABLED'

function headersOf(deps: DeliverDeps, claimed: ClaimedDelivery, at: Date): Record<string, string> {
  const secrets = [deps.secrets.open(claimed.secret, claimed.subscriptionId, 'current')]
  if (claimed.previousSecret)
    secrets.push(deps.secrets.open(claimed.previousSecret, claimed.subscriptionId, 'previous'))
  const timestamp = Math.floor(at.getTime() / 1000)
  return {
    'webhook-id': claimed.webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(secrets, claimed.webhookId, timestamp, claimed.body),
  }
}

async function disable(tx: Queryable, deps: DeliverDeps, claimed: ClaimedDelivery, url: string, reason: string) {
  const disabledAt = deps.now()
  const notice = { tenantId: claimed.tenantId, subscriptionId: claimed.subscriptionId, url, disabledAt, reason }
  const others = await subscribersOf(tx, deps.schema, claimed.tenantId, WEBHOOK_DISABLED, claimed.subscriptionId)
  await queueMessage(tx, deps.schema, messageOfDisabling(notice, randomUUID()), others, disabledAt)
  deps.logger.error(
    { alert: DISABLED_ALERT, tenantId: claimed.tenantId, subscriptionId: claimed.subscriptionId, reason },
    'webhook subscription disabled after sustained failure',
  )
  return { at: disabledAt, reason }
}

async function record(deps: DeliverDeps, claimed: ClaimedDelivery, response: WebhookResponse, startedAt: Date) {
  const finishedAt = deps.now()
  const ok = accepted(response)
  const retry = ok
    ? undefined
    : nextRetry(deps.retry, { ...claimed, attempts: claimed.attempt }, finishedAt, deps.random)
  const next: DeliveryNext =
    retry === undefined
      ? { status: 'delivered' }
      : retry.kind === 'retry'
        ? { status: 'pending', at: retry.at }
        : { status: 'failed' }
  const outcome = {
    finishedAt,
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    responseStatus: response.kind === 'answered' ? response.status : undefined,
    error: attemptError(response),
  }
  await withTransaction(deps.pool, async (tx) => {
    const health = await lockHealth(tx, deps.schema, claimed.subscriptionId)
    if (health === undefined) return // deleted meanwhile, with its deliveries
    await recordAttempt(tx, deps.schema, claimed, outcome, next)
    const verdict = afterAttempt(deps.disabling, health, ok, finishedAt)
    const disabled =
      verdict.kind === 'disable' && health.enabled
        ? await disable(tx, deps, claimed, health.url, verdict.reason)
        : undefined
    await storeHealth(tx, deps.schema, claimed.subscriptionId, verdict.health, disabled)
  })
  if (next.status === 'failed') {
    deps.logger.warn({ deliveryId: claimed.deliveryId, attempts: claimed.attempt }, 'webhook delivery failed')
  }
}

/**
 * One turn of a worker: claims the delivery due first, signs and POSTs it, records the attempt and what follows
 * (delivered, retried later, failed), and applies the disabling rule. Says whether there was anything to do.
 */
export async function deliverNext(deps: DeliverDeps): Promise<'worked' | 'idle'> {
  const startedAt = deps.now()
  const claimed = await withTransaction(deps.pool, (tx) => claimDue(tx, deps.schema, startedAt, deps.leaseMs))
  if (claimed === undefined) return 'idle'
  let response: WebhookResponse
  try {
    response = await deps.send({ url: claimed.url, headers: headersOf(deps, claimed, startedAt), body: claimed.body })
  } catch (err) {
    // A secret that no longer opens (its master key left DOCUMENT_KEYS): an operator's error, kept in the log.
    deps.logger.error({ err, subscriptionId: claimed.subscriptionId }, 'webhook could not be signed')
    response = { kind: 'failed', error: 'the subscription secret cannot be opened with the configured keys' }
  }
  await record(deps, claimed, response, startedAt)
  return 'worked'
}
