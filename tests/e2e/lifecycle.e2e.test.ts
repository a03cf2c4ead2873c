import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPemIdentity, signCades } from '@varco/signature'
import { validNumbers, validSampleInvoice } from '@varco/testing'
import { startReceiver, type Receiver } from '@varco/testing'
import { startStack, type Stack } from './harness/stack.ts'

/*
 * The lifecycle and the passive cycle through the whole gateway, every service its own process: a vendor POSTs
 * invoices to the API; validation, signing and transmission send them to the SdI simulator; its signed messages come
 * back through the receipts service, whose decisions the API shows as status and timeline. Another tenant, a public
 * administration office, receives invoices through RicezioneFatture and answers with EC01/EC02 through the API.
 * The simulator runs a day a second, so SdI's 15-day window passes in 15 seconds.
 */

const OFFICE = 'UFY9MH'
let stack: Stack
let supplier: { id: string; key: string }
let office: { id: string; key: string }
let receiver: Receiver

beforeAll(async () => {
  stack = await startStack()
  supplier = await stack.tenant('Fornitore SRL', `IT${validNumbers.transmitter}`)
  office = await stack.tenant('Ufficio di prova', `IT${validNumbers.transmitter}`)
  await stack.admin('receipts', 'route', 'add', office.id, OFFICE)
  await stack.control('PUT', '/recipients', { code: OFFICE, name: 'Ufficio di prova', endpoint: stack.ricezioneUrl })
  // The supplier's ERP subscribes to every event of its invoices, through the public API.
  receiver = await startReceiver()
  const subscription = await stack.api('/v1/webhooks', supplier.key, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: receiver.url, description: 'ERP' }),
  })
  expect(subscription.status, await subscription.clone().text()).toBe(201)
  receiver.secrets = [((await subscription.json()) as { secret: string }).secret]
})
afterAll(async () => {
  await stack?.stop()
  await receiver?.stop()
})

let number = 0
/** An FPA12 invoice to `code`, signed by the vendor (CAdES), POSTed by the supplier; returns its id. */
async function postPaInvoice(code: string): Promise<string> {
  const xml = validSampleInvoice('IT01234567890_FPA01.xml')
    .replace('<CodiceDestinatario>AAAAAA</CodiceDestinatario>', `<CodiceDestinatario>${code}</CodiceDestinatario>`)
    .replace(/<Numero>[^<]*<\/Numero>/, `<Numero>E2E-${++number}</Numero>`)
  const { signer } = stack.signing
  const p7m = await signCades(Buffer.from(xml), loadPemIdentity({ key: signer.keyPem, certificates: signer.certPem }))
  const response = await stack.api('/v1/invoices', supplier.key, {
    method: 'POST',
    headers: { 'content-type': 'application/pkcs7-mime' },
    body: p7m,
  })
  expect(response.status, await response.clone().text()).toBe(202)
  return ((await response.json()) as { id: string }).id
}

interface InvoiceView {
  status: string
  timeline: Array<{ type: string; detail?: { kind?: string; state?: string } }>
}
const invoice = async (id: string) =>
  (await (await stack.api(`/v1/invoices/${id}`, supplier.key)).json()) as InvoiceView
const statusOf = async (id: string) => (await invoice(id)).status
const sdiKinds = async (id: string) =>
  (await invoice(id)).timeline.filter((e) => e.type === 'invoice.notification').map((e) => e.detail?.kind)

interface IncomingView {
  id: string
  outcomeState: string
  outcome: { esito?: string; result?: string; scarto?: { code: string } } | null
}
async function incomingFor(invoiceNumber: string): Promise<IncomingView | undefined> {
  const response = await stack.api(`/v1/incoming-invoices?invoiceNumber=${invoiceNumber}`, office.key)
  const { items } = (await response.json()) as { items: IncomingView[] }
  if (items[0] === undefined) return undefined
  return (await (await stack.api(`/v1/incoming-invoices/${items[0].id}`, office.key)).json()) as IncomingView
}
const outcome = (id: string, esito: 'EC01' | 'EC02') =>
  stack.api(`/v1/incoming-invoices/${id}/outcome`, office.key, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ esito, description: 'Esito del test' }),
  })

describe('the outbound lifecycle through the API (FACTS.md §8, FPA12)', () => {
  it.each([
    ['EC01', 'accepted', ['RC', 'NE']],
    ['EC02', 'refused', ['RC', 'NE']],
    ['none', 'terms_expired', ['RC', 'DT']],
  ] as const)('an office that answers %s ends %s', async (esito, status, kinds) => {
    const code = `E2E${esito === 'none' ? 'NON' : esito.slice(2)}X`.slice(0, 6)
    await stack.control('PUT', '/scripts', { scope: 'recipient', match: code, delivery: 'deliver', esito })
    const id = await postPaInvoice(code)
    await expect.poll(() => statusOf(id), { timeout: 60_000, interval: 500 }).toBe(status)
    expect(await sdiKinds(id)).toEqual(kinds)
  })
})

describe('the passive cycle through the API', () => {
  it('delivers to the office, which accepts with EC01: SdI answers ES01, the supplier sees accepted', async () => {
    const id = await postPaInvoice(OFFICE)
    const invoiceNumber = `E2E-${number}`
    await expect
      .poll(async () => (await incomingFor(invoiceNumber))?.outcomeState, { timeout: 60_000 })
      .toBe('awaiting_outcome')
    const incoming = (await incomingFor(invoiceNumber))!
    expect((await outcome(incoming.id, 'EC01')).status).toBe(202)
    await expect
      .poll(async () => (await incomingFor(invoiceNumber))?.outcomeState, { timeout: 60_000 })
      .toBe('outcome_accepted')
    await expect.poll(() => statusOf(id), { timeout: 60_000 }).toBe('accepted')
  })

  it('the office refuses with EC02: SdI takes it, the supplier sees refused', async () => {
    const id = await postPaInvoice(OFFICE)
    const invoiceNumber = `E2E-${number}`
    await expect
      .poll(async () => (await incomingFor(invoiceNumber))?.outcomeState, { timeout: 60_000 })
      .toBe('awaiting_outcome')
    expect((await outcome((await incomingFor(invoiceNumber))!.id, 'EC02')).status).toBe(202)
    await expect.poll(() => statusOf(id), { timeout: 60_000 }).toBe('refused')
    expect((await incomingFor(invoiceNumber))!.outcomeState).toBe('outcome_accepted')
  })

  it('an outcome that reaches SdI after the 15 days gets an SE (EN01), and the API shows it', async () => {
    await postPaInvoice(OFFICE)
    const invoiceNumber = `E2E-${number}`
    await expect
      .poll(async () => (await incomingFor(invoiceNumber))?.outcomeState, { timeout: 60_000 })
      .toBe('awaiting_outcome')
    // The receipts service is down while the window passes, so the DT cannot close the window in our view first:
    // the office's outcome goes out late, and only SdI can say so.
    await stack.kill('receipts')
    await stack.control('POST', '/clock', { advanceMs: 16 * 86_400_000 })
    expect((await outcome((await incomingFor(invoiceNumber))!.id, 'EC01')).status).toBe(202)
    await expect
      .poll(async () => (await incomingFor(invoiceNumber))?.outcomeState, { timeout: 60_000 })
      .toBe('outcome_refused')
    expect((await incomingFor(invoiceNumber))!.outcome).toMatchObject({ scarto: { code: 'EN01' } })
    await stack.restart('receipts')
  })
})

describe('webhooks through the whole gateway', () => {
  it('delivered every event of the supplier’s invoices, once each, signed per Standard Webhooks', async () => {
    const ids = await listedInvoiceIds()
    const expected = async () => {
      const types: string[] = []
      for (const id of ids) for (const entry of (await invoice(id)).timeline) types.push(`${id}:${entry.type}`)
      return types.sort()
    }
    const got = () => {
      const unique = new Map(receiver.delivered().map((r) => [r.id, r]))
      return [...unique.values()].map((r) => `${String(r.data.invoiceId)}:${r.type}`).sort()
    }
    const want = await expected()
    expect(want.length).toBeGreaterThan(ids.length * 5)
    await expect.poll(got, { timeout: 60_000 }).toEqual(want)
    expect(receiver.unverified()).toEqual([])
    // The office's events never reach the supplier's subscription.
    expect(receiver.received.every((r) => ids.includes(String(r.data.invoiceId)))).toBe(true)
  })
})

async function listedInvoiceIds(): Promise<string[]> {
  const response = await stack.api('/v1/invoices?limit=100', supplier.key)
  return ((await response.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id)
}
