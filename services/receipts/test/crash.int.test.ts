import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrasmissioneFattureClient, type TrasmissioneFattureClient } from '@varco/sdi-soap'
import { aFile, sampleAbout } from './helpers/messages.ts'
import { startReceipts, type ReceiptsHarness } from './helpers/receipts-service.ts'
import { signerOf } from './helpers/sdi-pki.ts'

/*
 * The receipts service SIGKILLed while SdI's calls are being taken: what it answered is committed with its event in
 * the outbox, and the relay publishes it after the restart; what it did not answer SdI sends again. Every message
 * ends with exactly one notification (one event id; Kafka may carry it twice) and one recorded effect.
 */

let h: ReceiptsHarness
beforeAll(async () => {
  h = await startReceipts()
}, 120_000)
afterAll(async () => {
  await h?.stop()
})

describe('a SIGKILL between storing and publishing', () => {
  it('loses nothing: the outbox relays after the restart', { timeout: 120_000 }, async () => {
    const files = Array.from({ length: 24 }, () => aFile())
    const invoices = files.map(() => ({ invoiceId: randomUUID(), tenantId: 'tenant-k', correlationId: randomUUID() }))
    for (const [i, file] of files.entries()) {
      await h.publish(invoices[i]!, {
        formato: 'FPA12',
        fileName: file.fileName,
        identificativoSdI: file.identificativoSdI,
      })
    }
    await expect
      .poll(
        async () =>
          (
            await h.query('SELECT 1 FROM receipts.outbound_files WHERE tenant_id = $1 AND formato IS NOT NULL', [
              'tenant-k',
            ])
          ).length,
        { timeout: 30_000 },
      )
      .toBe(files.length)
    const requests = await Promise.all(
      files.map(async (file) => {
        const rc = await sampleAbout('RC', file, signerOf(h.pki.signing.signer))
        return { IdentificativoSdI: file.identificativoSdI, NomeFile: rc.name, File: rc.bytes }
      }),
    )
    const client: TrasmissioneFattureClient = await createTrasmissioneFattureClient({
      endpoint: `${h.baseUrl}/TrasmissioneFatture`,
      tls: h.pki.tls.clientIdentity(),
    })
    let answered = 0
    let killed: Promise<unknown> | undefined
    const calls = requests.map((request) =>
      client.ricevutaConsegna(request).then(() => {
        answered += 1
        // Killed as soon as a third of the calls are answered: the rest are in flight, some committed, some not.
        if (answered === 8) killed = h.receipts.kill('SIGKILL')
      }),
    )
    await Promise.allSettled(calls)
    await killed
    client.close()
    const [pending] = await h.query<{ count: string }>('SELECT count(*) FROM receipts.outbox')
    const committed = await h.query('SELECT 1 FROM receipts.notifications WHERE decided_at IS NOT NULL')
    expect(committed.length).toBeGreaterThanOrEqual(8)
    // Events stored but not yet published when the process died (the case this test is about).
    expect(Number(pending?.count)).toBeGreaterThan(0)

    await h.start()
    // SdI sends again whatever it sent: answered calls have no second effect, the others are taken now.
    const again = await createTrasmissioneFattureClient({
      endpoint: `${h.baseUrl}/TrasmissioneFatture`,
      tls: h.pki.tls.clientIdentity(),
    })
    await Promise.all(requests.map((request) => again.ricevutaConsegna(request)))
    again.close()
    for (const invoice of invoices) {
      await expect
        .poll(() => new Set(h.notificationsOf(invoice.invoiceId).map((e) => e.id)).size, { timeout: 30_000 })
        .toBe(1)
    }
    await new Promise((done) => setTimeout(done, 500))
    for (const invoice of invoices) {
      expect(new Set(h.notificationsOf(invoice.invoiceId).map((e) => e.id)).size).toBe(1)
      expect(h.notificationsOf(invoice.invoiceId)[0]?.data.lifecycle).toMatchObject({ state: 'delivered', sequence: 1 })
    }
    const effects = await h.query<{ count: string }>(
      "SELECT count(*) FROM receipts.sdi_calls WHERE verdict = 'accepted'",
    )
    expect(Number(effects[0]?.count)).toBe(files.length)
    expect(await h.query('SELECT 1 FROM receipts.outbox')).toHaveLength(0)
  })
})
