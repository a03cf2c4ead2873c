import { afterAll, beforeAll, describe, it } from 'vitest'
import { loadPemIdentity, signCades } from '@varco/signature'
import { validNumbers, validSampleInvoice } from '@varco/testing'
import { startSdiChannel, type SdiChannel } from './helpers/sdi-channel.ts'

/*
 * Every path of FACTS.md §8, both flows, through the real processes: the transmission service sends each file to
 * the SdI simulator, whose signed messages reach the receipts service's TrasmissioneFatture over mutual TLS; the
 * lifecycle's decisions come out as invoice.notification events. The simulator runs a day a second and sends every
 * message twice, as SdI does when it retries.
 */

let channel: SdiChannel
beforeAll(async () => {
  channel = await startSdiChannel()
  // SdI's retries: the simulator sends every message twice; each must still have one effect.
  await channel.put('/notification-faults', { duplicate: true })
}, 120_000)
afterAll(async () => {
  await channel?.stop()
})

type Delivery = 'deliver' | 'undeliverable' | 'deliver-late'
interface Case {
  readonly formato: 'FPA12' | 'FPR12'
  readonly delivery: Delivery
  readonly esito: 'EC01' | 'EC02' | 'none'
  readonly broken?: boolean
  /** kind:state of each notification, in sequence order. */
  readonly expected: readonly string[]
}

const CASES: ReadonlyArray<[string, Case]> = [
  ['FPA12 NS', { formato: 'FPA12', delivery: 'deliver', esito: 'EC01', broken: true, expected: ['NS:rejected'] }],
  [
    'FPA12 RC → NE EC01',
    { formato: 'FPA12', delivery: 'deliver', esito: 'EC01', expected: ['RC:delivered', 'NE:accepted'] },
  ],
  [
    'FPA12 RC → NE EC02',
    { formato: 'FPA12', delivery: 'deliver', esito: 'EC02', expected: ['RC:delivered', 'NE:refused'] },
  ],
  [
    'FPA12 RC → DT',
    { formato: 'FPA12', delivery: 'deliver', esito: 'none', expected: ['RC:delivered', 'DT:terms_expired'] },
  ],
  [
    'FPA12 MC → RC → NE EC01',
    {
      formato: 'FPA12',
      delivery: 'deliver-late',
      esito: 'EC01',
      expected: ['MC:not_delivered', 'RC:delivered', 'NE:accepted'],
    },
  ],
  [
    'FPA12 MC → AT',
    {
      formato: 'FPA12',
      delivery: 'undeliverable',
      esito: 'none',
      expected: ['MC:not_delivered', 'AT:undeliverable_attested'],
    },
  ],
  ['FPR12 NS', { formato: 'FPR12', delivery: 'deliver', esito: 'none', broken: true, expected: ['NS:rejected'] }],
  ['FPR12 RC', { formato: 'FPR12', delivery: 'deliver', esito: 'none', expected: ['RC:delivered'] }],
  ['FPR12 MC', { formato: 'FPR12', delivery: 'undeliverable', esito: 'none', expected: ['MC:in_reserved_area'] }],
]

let progressive = 300
async function submit(c: Case): Promise<string> {
  const n = ++progressive
  const fileName = `IT${validNumbers.transmitter}_${n.toString(36).toUpperCase().padStart(5, '0')}.${c.formato === 'FPA12' ? 'xml.p7m' : 'xml'}`
  let xml = validSampleInvoice(c.formato === 'FPA12' ? 'IT01234567890_FPA01.xml' : 'IT01234567890_FPR01.xml').replace(
    /<Numero>[^<]*<\/Numero>/,
    `<Numero>X-${n}</Numero>`,
  )
  if (c.broken) xml = xml.replace('<Divisa>EUR</Divisa>', '<Divisa>EURO</Divisa>')
  const { signer } = channel.receipts.pki.signing
  const file =
    c.formato === 'FPA12'
      ? await signCades(Buffer.from(xml), loadPemIdentity({ key: signer.keyPem, certificates: signer.certPem }))
      : Buffer.from(xml)
  await channel.put('/scripts', { scope: 'file', match: fileName, delivery: c.delivery, esito: c.esito })
  return channel.submit(file, fileName, c.formato)
}

describe('every outcome of FACTS.md §8 ends in the right state, and the events say so', () => {
  it.concurrent.for(CASES)('%s', { timeout: 120_000 }, async ([, c], { expect }) => {
    const invoiceId = await submit(c)
    const timeline = () =>
      channel.receipts
        .notificationsOf(invoiceId)
        .sort((a, b) => a.data.lifecycle.sequence - b.data.lifecycle.sequence)
        .map((n) => `${n.data.kind}:${n.data.lifecycle.state}`)
    await expect.poll(timeline, { timeout: 90_000, interval: 250 }).toEqual(c.expected)
    const events = channel.receipts.notificationsOf(invoiceId)
    expect(events.every((e) => e.data.lifecycle.decision === 'transition' && e.tenantId === 'tenant-m')).toBe(true)
    const [file] = await channel.receipts.query<{ state: string }>(
      'SELECT state FROM receipts.outbound_files WHERE invoice_id = $1',
      [invoiceId],
    )
    expect(`${file?.state}`).toBe(c.expected.at(-1)?.split(':')[1])
  })
})

describe("SdI's repeated calls", () => {
  it('were answered and recorded as duplicates, with no second notification', async ({ expect }) => {
    const rows = await channel.receipts.query<{ verdict: string; count: string }>(
      'SELECT verdict, count(*) FROM receipts.sdi_calls GROUP BY verdict',
    )
    const count = (verdict: string) => Number(rows.find((r) => r.verdict === verdict)?.count ?? 0)
    expect(count('accepted')).toBe(CASES.reduce((sum, [, c]) => sum + c.expected.length, 0))
    expect(count('duplicate')).toBeGreaterThan(0)
    expect(count('refused')).toBe(0)
    const decided = await channel.receipts.query<{ count: string }>('SELECT count(*) FROM receipts.notifications')
    expect(Number(decided[0]?.count)).toBe(count('accepted'))
  })
})
