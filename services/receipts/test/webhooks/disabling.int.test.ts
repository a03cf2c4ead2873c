import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReceipts, type ReceiptsUnderTest } from './helpers/receipts.ts'
import { startReceiver, type Receiver } from '@varco/testing'

// The receipts process with days compressed into seconds: a delivery is failed 1 s after its creation; a
// subscription whose every attempt failed for 1.5 s, 3 attempts in a row at least, is disabled.

let receipts: ReceiptsUnderTest
const receivers: Receiver[] = []
beforeAll(async () => {
  receipts = await startReceipts({
    WEBHOOK_RETRY_INITIAL_MS: '100',
    WEBHOOK_RETRY_MAX_MS: '300',
    WEBHOOK_RETRY_WINDOW_MS: '1000',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_LEASE_MS: '2000',
    WEBHOOK_DISABLE_AFTER_MS: '1500',
    WEBHOOK_DISABLE_MIN_FAILURES: '3',
  })
})
afterAll(async () => {
  for (const receiver of receivers) await receiver.stop()
  await receipts?.stop()
})

interface Subscription {
  id: string
  enabled: boolean
  disabledAt?: string
  disabledReason?: string
}
interface Delivery {
  id: string
  webhookId: string
  eventId: string
  status: string
  attempts: number
  lastError?: string
}

async function subscribe(tenantId: string, body: Record<string, unknown> = {}) {
  const receiver = await startReceiver()
  receivers.push(receiver)
  const created = await receipts.api<Subscription & { secret: string }>(
    'POST',
    `/internal/tenants/${tenantId}/webhooks`,
    { url: receiver.url, ...body },
  )
  expect(created.status).toBe(201)
  receiver.secrets = [created.body.secret]
  return { receiver, id: created.body.id }
}

const webhookIdOf = (eventId: string) => `msg_${eventId.replaceAll('-', '')}`
const get = async (tenantId: string, id: string) =>
  (await receipts.api<Subscription>('GET', `/internal/tenants/${tenantId}/webhooks/${id}`)).body
const deliveries = async (tenantId: string, id: string, status = '') =>
  (
    await receipts.api<{ items: Delivery[] }>(
      'GET',
      `/internal/tenants/${tenantId}/webhooks/${id}/deliveries${status === '' ? '' : `?status=${status}`}`,
    )
  ).body.items

describe('sustained failure, re-enabling and replay', () => {
  it('disables a subscription failing for the window, and tells the tenant through its other subscriptions', async () => {
    const failing = await subscribe('t-disable')
    const watcher = await subscribe('t-disable', { eventTypes: ['webhook.disabled'] })
    failing.receiver.status = 500
    // Events keep coming while the endpoint fails: past the window, the subscription is disabled.
    await expect
      .poll(
        async () => {
          await receipts.publish('t-disable')
          return (await get('t-disable', failing.id)).enabled
        },
        { timeout: 30_000, interval: 300 },
      )
      .toBe(false)
    const disabled = await get('t-disable', failing.id)
    expect(disabled.disabledAt).toBeDefined()
    expect(disabled.disabledReason).toMatch(/^every delivery attempt failed since .* \(\d+ attempts in a row\)$/)
    await expect.poll(() => watcher.receiver.delivered().length, { timeout: 30_000 }).toBe(1)
    const [notice] = watcher.receiver.delivered()
    expect(watcher.receiver.unverified()).toEqual([])
    expect(notice).toMatchObject({
      type: 'webhook.disabled',
      data: { tenantId: 't-disable', subscriptionId: failing.id, url: failing.receiver.url },
    })
    expect(notice!.data.reason).toBe(disabled.disabledReason)
    // The error-level log line, with its stable alert field, for log-based alerting.
    const alert = await receipts.process.waitForLine((l) => l.includes('"alert":"WEBHOOK_SUBSCRIPTION_DISABLED"'))
    expect(JSON.parse(alert)).toMatchObject({ level: 50, subscriptionId: failing.id, tenantId: 't-disable' })

    // While disabled, events are not queued for it (once the consumer has taken one, no delivery row exists).
    const whileDisabled = await receipts.publish('t-disable')
    await expect
      .poll(
        async () =>
          (await receipts.query('SELECT 1 FROM receipts.inbox WHERE event_id = $1', [whileDisabled.id])).length,
        {
          timeout: 30_000,
        },
      )
      .toBe(1)
    const queued = await receipts.query(
      `SELECT 1 FROM receipts.webhook_deliveries WHERE subscription_id = $1 AND message_id = $2`,
      [failing.id, webhookIdOf(whileDisabled.id)],
    )
    expect(queued).toEqual([])

    // Re-enabled with the receiver fixed: the deliveries held while disabled go through, new events come again.
    const held = await deliveries('t-disable', failing.id, 'pending')
    expect(held.length).toBeGreaterThan(0)
    failing.receiver.status = 200
    const enabled = await receipts.api<Subscription>('PATCH', `/internal/tenants/t-disable/webhooks/${failing.id}`, {
      enabled: true,
    })
    expect(enabled.body).toMatchObject({ enabled: true })
    expect(enabled.body.disabledAt).toBeUndefined()
    expect(enabled.body.disabledReason).toBeUndefined()
    const after = await receipts.publish('t-disable')
    await expect
      .poll(() => failing.receiver.delivered().map((r) => r.id), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([webhookIdOf(after.id), ...held.map((d) => d.webhookId)]))
    expect(failing.receiver.delivered().map((r) => r.id)).not.toContain(webhookIdOf(whileDisabled.id))
    expect(failing.receiver.unverified()).toEqual([])
  })

  it('fails a delivery once its window has passed, and logs every attempt', async () => {
    // One event: its delivery is failed after 1 s, before its subscription could be disabled (1.5 s).
    const { receiver, id } = await subscribe('t-window')
    receiver.status = 503
    const event = await receipts.publish('t-window')
    await expect.poll(async () => (await deliveries('t-window', id, 'failed')).length, { timeout: 30_000 }).toBe(1)
    const [failed] = await deliveries('t-window', id, 'failed')
    expect(failed).toMatchObject({ eventId: event.id, webhookId: webhookIdOf(event.id), lastError: 'HTTP 503' })
    const detail = await receipts.api<Delivery & { attemptLog: Array<Record<string, unknown>> }>(
      'GET',
      `/internal/tenants/t-window/webhooks/${id}/deliveries/${failed!.id}`,
    )
    expect(detail.status).toBe(200)
    expect(detail.body.attemptLog).toHaveLength(failed!.attempts)
    for (const attempt of detail.body.attemptLog) {
      expect(attempt).toMatchObject({ responseStatus: 503, error: 'HTTP 503' })
      expect(attempt.durationMs).toBeTypeOf('number')
    }
    expect(await get('t-window', id)).toMatchObject({ enabled: true })
  })

  it('replays a delivery with the same webhook-id and fresh attempts', async () => {
    const { receiver, id } = await subscribe('t-replay')
    const event = await receipts.publish('t-replay')
    await expect.poll(() => receiver.delivered().length, { timeout: 30_000 }).toBe(1)
    const [original] = await deliveries('t-replay', id)
    const replayed = await receipts.api<Delivery>(
      'POST',
      `/internal/tenants/t-replay/webhooks/${id}/deliveries/${original!.id}/replay`,
    )
    expect(replayed.status).toBe(202)
    expect(replayed.body).toMatchObject({ webhookId: original!.webhookId, eventId: event.id, status: 'pending' })
    expect(replayed.body.id).not.toBe(original!.id)
    expect(replayed.body.attempts).toBe(0)
    await expect.poll(() => receiver.delivered().length, { timeout: 30_000 }).toBe(2)
    const [first, second] = receiver.delivered()
    expect(second!.id).toBe(first!.id)
    expect(second!.body).toBe(first!.body)
    expect(receiver.unverified()).toEqual([])
  })

  it("keeps tenants apart: a tenant never gets another's events nor sees its subscriptions", async () => {
    const a = await subscribe('t-iso-a')
    const b = await subscribe('t-iso-b')
    const forA = await receipts.publish('t-iso-a')
    const forB = await receipts.publish('t-iso-b')
    await expect.poll(() => a.receiver.delivered().length + b.receiver.delivered().length, { timeout: 30_000 }).toBe(2)
    expect(a.receiver.delivered().map((r) => r.id)).toEqual([webhookIdOf(forA.id)])
    expect(b.receiver.delivered().map((r) => r.id)).toEqual([webhookIdOf(forB.id)])
    expect(a.receiver.delivered()[0]!.data.tenantId).toBe('t-iso-a')

    const listed = await receipts.api<{ items: Subscription[] }>('GET', '/internal/tenants/t-iso-a/webhooks')
    expect(listed.body.items.map((s) => s.id)).toEqual([a.id])
    const [bDelivery] = await deliveries('t-iso-b', b.id)
    for (const [method, path] of [
      ['GET', `/internal/tenants/t-iso-a/webhooks/${b.id}`],
      ['PATCH', `/internal/tenants/t-iso-a/webhooks/${b.id}`],
      ['DELETE', `/internal/tenants/t-iso-a/webhooks/${b.id}`],
      ['POST', `/internal/tenants/t-iso-a/webhooks/${b.id}/secret`],
      ['GET', `/internal/tenants/t-iso-a/webhooks/${b.id}/deliveries`],
      ['GET', `/internal/tenants/t-iso-a/webhooks/${b.id}/deliveries/${bDelivery!.id}`],
      ['POST', `/internal/tenants/t-iso-a/webhooks/${b.id}/deliveries/${bDelivery!.id}/replay`],
      ['GET', `/internal/tenants/t-iso-a/webhooks/${a.id}/deliveries/${bDelivery!.id}`],
    ] as const) {
      const response = await receipts.api(method, path, method === 'PATCH' ? { enabled: false } : undefined)
      expect(response.status, `${method} ${path}`).toBe(404)
    }
    expect(await get('t-iso-b', b.id)).toMatchObject({ id: b.id, enabled: true })
  })
})
