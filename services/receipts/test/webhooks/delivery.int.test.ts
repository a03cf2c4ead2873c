import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReceipts, type ReceiptsUnderTest } from './helpers/receipts.ts'
import { startReceiver, type Receiver } from '@varco/testing'

// The receipts process delivering real Kafka events to real HTTP receivers that verify every request with the
// standardwebhooks library. Short retries, and disabling out of reach: these tests are about getting through.

let receipts: ReceiptsUnderTest
const receivers: Receiver[] = []
beforeAll(async () => {
  receipts = await startReceipts({
    WEBHOOK_RETRY_INITIAL_MS: '100',
    WEBHOOK_RETRY_MAX_MS: '400',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_LEASE_MS: '2000',
    WEBHOOK_DISABLE_AFTER_MS: '600000',
  })
})
afterAll(async () => {
  for (const receiver of receivers) await receiver.stop()
  await receipts?.stop()
})

async function subscribe(tenantId: string, body: Record<string, unknown> = {}) {
  const receiver = await startReceiver()
  receivers.push(receiver)
  const created = await receipts.api<{ id: string; secret: string }>('POST', `/internal/tenants/${tenantId}/webhooks`, {
    url: receiver.url,
    ...body,
  })
  expect(created.status).toBe(201)
  receiver.secrets = [created.body.secret]
  return { receiver, id: created.body.id, secret: created.body.secret }
}

const idsOf = (receiver: Receiver) => new Set(receiver.delivered().map((r) => r.id))
const webhookIdOf = (eventId: string) => `msg_${eventId.replaceAll('-', '')}`

describe('webhook delivery', () => {
  it('delivers an event signed the Standard Webhooks way, with the documented payload', async () => {
    const { receiver } = await subscribe('t-signed')
    const event = await receipts.publish('t-signed')
    await expect.poll(() => receiver.delivered().length, { timeout: 30_000 }).toBe(1)
    const [got] = receiver.received
    expect(receiver.unverified()).toEqual([])
    expect(got!.id).toBe(webhookIdOf(event.id))
    expect(Math.abs(Number(got!.timestamp) - Date.now() / 1000)).toBeLessThan(30)
    expect(JSON.parse(got!.body)).toEqual({
      type: 'invoice.transmitted',
      timestamp: event.occurredAt,
      data: { invoiceId: event.invoiceId, tenantId: 't-signed', correlationId: event.correlationId, ...event.data },
    })
  })

  it('after a secret rotation, signs with both secrets during the overlap: old and new verify', async () => {
    const { receiver, id, secret: oldSecret } = await subscribe('t-rotate')
    const rotated = await receipts.api<{ secret: string; previousSecretExpiresAt: string }>(
      'POST',
      `/internal/tenants/t-rotate/webhooks/${id}/secret`,
    )
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).not.toBe(oldSecret)
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000)
    receiver.secrets = [oldSecret, rotated.body.secret]
    await receipts.publish('t-rotate')
    await expect.poll(() => receiver.delivered().length, { timeout: 30_000 }).toBe(1)
    const [got] = receiver.received
    expect(got!.verifiedBy).toEqual([0, 1])
    expect(got!.signature.split(' ')).toHaveLength(2)
  })

  it('a receiver answering 503, then refusing connections, gets every event once it is back', async () => {
    const { receiver } = await subscribe('t-down')
    receiver.status = 503
    const first = await Promise.all([1, 2, 3].map(() => receipts.publish('t-down')))
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(6)
    await receiver.stop()
    const second = await Promise.all([1, 2, 3].map(() => receipts.publish('t-down')))
    await expect
      .poll(
        async () =>
          (await receipts.query(`SELECT 1 FROM receipts.webhook_attempts WHERE error LIKE 'ECONNREFUSED%'`)).length,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThanOrEqual(3)
    receiver.status = 200
    await receiver.start()
    const expected = [...first, ...second].map((event) => webhookIdOf(event.id))
    await expect.poll(() => expected.every((id) => idsOf(receiver).has(id)), { timeout: 30_000 }).toBe(true)
    expect(receiver.unverified()).toEqual([])
    expect(receiver.received.some((r) => r.answered === 503)).toBe(true)
  })

  it('loses no event when the process is SIGKILLed mid-delivery: every one arrives, repeats keep their webhook-id', async () => {
    const { receiver } = await subscribe('t-crash')
    // A slow receiver: when the kill comes, requests are in flight (the receiver has them, no answer went back).
    receiver.delayMs = 500
    const published = await Promise.all(Array.from({ length: 20 }, () => receipts.publish('t-crash')))
    await expect.poll(() => receiver.received.length, { timeout: 30_000, interval: 5 }).toBeGreaterThan(0)
    await receipts.crash()
    expect(receiver.delivered().length).toBeLessThan(published.length)
    receiver.delayMs = 0
    await receipts.restart()
    const later = await Promise.all(Array.from({ length: 5 }, () => receipts.publish('t-crash')))
    const expected = [...published, ...later].map((event) => webhookIdOf(event.id))
    await expect.poll(() => expected.every((id) => idsOf(receiver).has(id)), { timeout: 60_000 }).toBe(true)
    expect(receiver.unverified()).toEqual([])
    // The attempts cut short by the kill are in the log as such, and their deliveries were made again.
    const interrupted = await receipts.query<{ n: string }>(
      `SELECT count(*) AS n FROM receipts.webhook_attempts WHERE error LIKE 'interrupted%'`,
    )
    expect(Number(interrupted[0]!.n)).toBeGreaterThan(0)
    const pending = await receipts.query(`SELECT 1 FROM receipts.webhook_deliveries WHERE status <> 'delivered'`)
    expect(pending).toEqual([])
    // Duplicates are allowed (at least once) but only ever of a message we sent, with its own id and body.
    const bodies = new Map<string, string>()
    for (const got of receiver.received) {
      expect(expected).toContain(got.id)
      expect(bodies.get(got.id) ?? got.body).toBe(got.body)
      bodies.set(got.id, got.body)
    }
  })
})
