import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvoiceTransmitted } from '@varco/contracts'
import { validNumbers, validSampleInvoice } from '@varco/testing'
import { startChannel, type Channel } from './helpers/channel.ts'

let channel: Channel
beforeAll(async () => {
  channel = await startChannel()
})
afterAll(async () => {
  await channel?.stop()
})

interface Stats {
  received: number
  accepted: number
  refusedAsDuplicateName: number
}
const stats = () => channel.get<Stats>('/stats')
const filesNamed = (name: string) =>
  channel.get<Array<{ accepted: boolean; errorCodes: string[] }>>(`/files?name=${name}`)

let progressive = 0
/** A valid FPR12 sample with its own number, published as invoice.signed under its own file name. */
function signedInvoice() {
  const n = ++progressive
  const xml = validSampleInvoice().replace('<Numero>123</Numero>', `<Numero>T-${n}</Numero>`)
  return channel.sign(
    Buffer.from(xml),
    `IT${validNumbers.transmitter}_${n.toString(36).toUpperCase().padStart(5, '0')}.xml`,
  )
}
const outcomeOf = (invoiceId: string) => channel.outcomes.filter((o) => o.invoiceId === invoiceId)

describe('the transmission service against the SdI simulator, over mutual TLS', () => {
  it('transmits a signed invoice once; SdI answers with its id and later sends an RC', async () => {
    const invoice = await signedInvoice()
    await expect.poll(() => outcomeOf(invoice.invoiceId).length, { timeout: 30_000 }).toBe(1)
    const [outcome] = outcomeOf(invoice.invoiceId) as [InvoiceTransmitted]
    expect(outcome).toMatchObject({ type: 'invoice.transmitted', data: { fileName: invoice.fileName, attempts: 1 } })
    expect(await filesNamed(invoice.fileName)).toEqual([expect.objectContaining({ accepted: true })])
    await expect
      .poll(
        () => channel.notices.filter((n) => n.IdentificativoSdI === outcome.data.identificativoSdI).map((n) => n.kind),
        {
          timeout: 30_000,
        },
      )
      .toEqual(['RC'])
  })

  it('rides out SdI being down and an EI02 burst: every invoice accepted exactly once', async () => {
    await channel.put('/faults', { mode: 'unavailable', calls: 4 })
    const first = await Promise.all([signedInvoice(), signedInvoice(), signedInvoice()])
    await expect.poll(() => first.every((i) => outcomeOf(i.invoiceId).length === 1), { timeout: 60_000 }).toBe(true)
    await channel.put('/faults', { mode: 'ei02', calls: 3 })
    const second = await Promise.all([signedInvoice(), signedInvoice()])
    await expect.poll(() => second.every((i) => outcomeOf(i.invoiceId).length === 1), { timeout: 60_000 }).toBe(true)
    for (const invoice of [...first, ...second]) {
      expect(outcomeOf(invoice.invoiceId)[0]?.type).toBe('invoice.transmitted')
      const received = await filesNamed(invoice.fileName)
      expect(received.filter((f) => f.accepted)).toHaveLength(1)
    }
    expect(
      channel.outcomes.filter((o) => o.type === 'invoice.transmitted' && o.data.attempts > 1).length,
    ).toBeGreaterThan(0)
  })

  it('survives a SIGKILL between the call and the recording of its answer: SdI accepts the file once', async () => {
    await channel.put('/faults', { mode: 'none', delayMs: 2500 })
    const before = await stats()
    const invoice = await signedInvoice()
    // SdI has taken the file and is slow to answer: the transmission service dies before it hears back.
    await expect.poll(async () => (await stats()).accepted, { timeout: 30_000 }).toBe(before.accepted + 1)
    await channel.transmission.kill('SIGKILL')
    await channel.put('/faults', { mode: 'none', delayMs: 0 })
    channel.restartTransmission()
    await expect.poll(() => outcomeOf(invoice.invoiceId).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1)
    const received = await filesNamed(invoice.fileName)
    expect(received.filter((f) => f.accepted)).toHaveLength(1)
    expect(received.filter((f) => !f.accepted).flatMap((f) => f.errorCodes)).toEqual(['00002'])
    const after = await stats()
    expect(after.accepted).toBe(before.accepted + 1)
    expect(after.refusedAsDuplicateName).toBe(before.refusedAsDuplicateName + 1)
  })

  it('keeps a timeline that matches what the simulator says happened, for every invoice', async () => {
    const ours = await channel.query<{
      file_name: string
      identificativo_sdi: string | null
      outcomes: (string | null)[]
    }>(
      `SELECT t.file_name, t.identificativo_sdi, array_agg(a.outcome ORDER BY a.attempt) AS outcomes
         FROM transmission.transmissions t JOIN transmission.transmission_attempts a USING (invoice_id)
        GROUP BY t.file_name, t.identificativo_sdi`,
    )
    expect(ours.length).toBeGreaterThanOrEqual(7)
    for (const invoice of ours) {
      const receptions = await channel.get<Array<{ identificativoSdI: string; accepted: boolean }>>(
        `/files?name=${invoice.file_name}`,
      )
      // SdI received the file once per call that reached it: those it answered, and the one a crash cut off.
      const reached = invoice.outcomes.filter((outcome) => outcome === 'accepted' || outcome === null)
      expect(receptions, invoice.file_name).toHaveLength(reached.length)
      expect(
        receptions.filter((r) => r.accepted),
        invoice.file_name,
      ).toHaveLength(1)
      expect(receptions.map((r) => r.identificativoSdI)).toContain(invoice.identificativo_sdi)
    }
  })
})
