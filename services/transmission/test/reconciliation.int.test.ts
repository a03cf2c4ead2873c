import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoiceNotification } from '@varco/contracts'
import { validNumbers, validSampleInvoice } from '@varco/testing'
import { startChannel, type Channel } from './helpers/channel.ts'

/*
 * Reconciliation from SdI's side: a call whose answer a crash cut off is settled by SdI's notification about the
 * file (as the receipts service publishes it), before the window runs out, so the file is never sent again and the
 * invoice keeps the IdentificativoSdI SdI gave it the first time. The window here is long enough that only the
 * notification can settle the invoice.
 */

let channel: Channel
beforeAll(async () => {
  channel = await startChannel({ reconciliationWindowMs: 120_000 })
})
afterAll(async () => {
  await channel?.stop()
})

const filesNamed = (name: string) =>
  channel.get<Array<{ identificativoSdI: string; accepted: boolean; errorCodes: string[] }>>(`/files?name=${name}`)

describe('reconciliation from SdI’s notifications', () => {
  it('settles an invoice cut off mid-call from the RC, without sending it again', async () => {
    const xml = validSampleInvoice().replace('<Numero>123</Numero>', '<Numero>R-1</Numero>')
    const fileName = `IT${validNumbers.transmitter}_R0001.xml`
    await channel.put('/faults', { mode: 'none', delayMs: 2500 })
    const invoice = await channel.sign(Buffer.from(xml), fileName)
    await expect.poll(async () => (await filesNamed(fileName)).length, { timeout: 30_000 }).toBe(1)
    await channel.transmission.kill('SIGKILL')
    await channel.put('/faults', { mode: 'none', delayMs: 0 })
    channel.restartTransmission()
    const [taken] = await filesNamed(fileName)
    await expect
      .poll(() => channel.notices.some((n) => n.kind === 'RC' && n.IdentificativoSdI === taken!.identificativoSdI), {
        timeout: 30_000,
      })
      .toBe(true)
    const rc = channel.notices.find((n) => n.kind === 'RC' && n.IdentificativoSdI === taken!.identificativoSdI)!
    await channel.publish(
      invoiceNotification.create({
        source: 'receipts',
        tenantId: 'tenant-1',
        invoiceId: invoice.invoiceId,
        correlationId: randomUUID(),
        data: {
          kind: 'RC',
          identificativoSdI: taken!.identificativoSdI,
          invoiceFileName: fileName,
          messageFileName: rc.NomeFile,
          receivedAt: new Date().toISOString(),
          sdiReceivedAt: '2026-12-01T10:00:00.000Z',
          message: { sha256: 'c'.repeat(64), size: rc.File.length, mediaType: 'application/xml' },
          lifecycle: { decision: 'transition', from: 'submitted', state: 'delivered', sequence: 1 },
        },
      }),
    )
    await expect
      .poll(() => channel.outcomes.filter((o) => o.invoiceId === invoice.invoiceId).length, { timeout: 60_000 })
      .toBe(1)
    expect(channel.outcomes.find((o) => o.invoiceId === invoice.invoiceId)).toMatchObject({
      type: 'invoice.transmitted',
      data: { identificativoSdI: taken!.identificativoSdI, dataOraRicezione: '2026-12-01T10:00:00.000Z' },
    })
    const [row] = await channel.query<{ status: string; outcome: string; detail: string }>(
      `SELECT t.status, a.outcome, a.detail FROM transmission.transmissions t
         JOIN transmission.transmission_attempts a USING (invoice_id) WHERE t.invoice_id = $1`,
      [invoice.invoiceId],
    )
    expect(row).toMatchObject({ status: 'transmitted', outcome: 'reconciled' })
    expect(row!.detail).toContain(rc.NomeFile)
    // Nothing is due any more: the simulator has still seen the file once.
    await new Promise((done) => setTimeout(done, 1500))
    expect(await filesNamed(fileName)).toHaveLength(1)
  })

  it('ignores a notification about a file it is not waiting for', async () => {
    const before = channel.outcomes.length
    await channel.publish(
      invoiceNotification.create({
        source: 'receipts',
        tenantId: 'tenant-1',
        invoiceId: randomUUID(),
        correlationId: randomUUID(),
        data: {
          kind: 'NS',
          identificativoSdI: '999999',
          invoiceFileName: `IT${validNumbers.transmitter}_R0404.xml`,
          messageFileName: `IT${validNumbers.transmitter}_R0404_NS_001.xml`,
          receivedAt: new Date().toISOString(),
          message: { sha256: 'd'.repeat(64), size: 10, mediaType: 'application/xml' },
          errors: [{ code: '00200', description: 'File non conforme al formato' }],
          lifecycle: { decision: 'transition', from: 'submitted', state: 'rejected', sequence: 1 },
        },
      }),
    )
    await new Promise((done) => setTimeout(done, 1500))
    expect(channel.outcomes.length).toBe(before)
  })
})
