import { afterAll, beforeAll, describe, it } from 'vitest'
import { parseSdiMessage } from '@varco/fatturapa'
import { loadPemIdentity, signCades } from '@varco/signature'
import { validNumbers, validSampleInvoice, xmlsecVerify } from '@varco/testing'
import { startChannel, type Channel, type Notice } from './helpers/channel.ts'

/*
 * Every outcome of FACTS.md §8 for both flows, reached through the real transmission service and the simulator:
 * the messages that reach the transmitter, in order, of the right family, each XAdES-signed by SdI (the simulator)
 * and verified by xmlsec1. The simulator runs a day a second, so 15-day windows pass in 15 seconds.
 */

let channel: Channel
beforeAll(async () => {
  channel = await startChannel()
})
afterAll(async () => {
  await channel?.stop()
})

let progressive = 100
const nextName = (extension: string) =>
  `IT${validNumbers.transmitter}_${(++progressive).toString(36).toUpperCase().padStart(5, '0')}.${extension}`

type Delivery = 'deliver' | 'undeliverable' | 'deliver-late'
type Esito = 'EC01' | 'EC02' | 'none'
interface Case {
  readonly formato: 'FPA12' | 'FPR12'
  readonly delivery: Delivery
  readonly esito: Esito
  readonly broken?: boolean
  readonly expected: readonly string[]
  readonly root: string
}

const CASES: ReadonlyArray<[string, Case]> = [
  [
    'FPA12 delivered and accepted',
    { formato: 'FPA12', delivery: 'deliver', esito: 'EC01', expected: ['RC', 'NE:EC01'], root: 'NotificaEsito' },
  ],
  [
    'FPA12 delivered and refused',
    { formato: 'FPA12', delivery: 'deliver', esito: 'EC02', expected: ['RC', 'NE:EC02'], root: 'NotificaEsito' },
  ],
  [
    'FPA12 delivered, no outcome in 15 days',
    { formato: 'FPA12', delivery: 'deliver', esito: 'none', expected: ['RC', 'DT'], root: 'NotificaDecorrenzaTermini' },
  ],
  [
    'FPA12 never delivered',
    {
      formato: 'FPA12',
      delivery: 'undeliverable',
      esito: 'none',
      expected: ['MC', 'AT'],
      root: 'AttestazioneTrasmissioneFattura',
    },
  ],
  [
    'FPA12 delivered late, then accepted',
    {
      formato: 'FPA12',
      delivery: 'deliver-late',
      esito: 'EC01',
      expected: ['MC', 'RC', 'NE:EC01'],
      root: 'NotificaEsito',
    },
  ],
  [
    'FPA12 rejected',
    { formato: 'FPA12', delivery: 'deliver', esito: 'EC01', broken: true, expected: ['NS'], root: 'NotificaScarto' },
  ],
  [
    'FPR12 delivered',
    { formato: 'FPR12', delivery: 'deliver', esito: 'none', expected: ['RC'], root: 'RicevutaConsegna' },
  ],
  [
    'FPR12 not delivered: in the reserved area',
    {
      formato: 'FPR12',
      delivery: 'undeliverable',
      esito: 'none',
      expected: ['MC'],
      root: 'RicevutaImpossibilitaRecapito',
    },
  ],
  [
    'FPR12 rejected',
    { formato: 'FPR12', delivery: 'deliver', esito: 'none', broken: true, expected: ['NS'], root: 'RicevutaScarto' },
  ],
]

async function submit(c: Case): Promise<string> {
  const sample = c.formato === 'FPA12' ? 'IT01234567890_FPA01.xml' : 'IT01234567890_FPR01.xml'
  const fileName = nextName(c.formato === 'FPA12' ? 'xml.p7m' : 'xml')
  // Each case its own invoice number: the cases run at once, and SdI refuses a number twice (00404).
  let xml = validSampleInvoice(sample).replace(/<Numero>[^<]*<\/Numero>/, `<Numero>M-${progressive}</Numero>`)
  if (c.broken) xml = xml.replace('<Divisa>EUR</Divisa>', '<Divisa>EURO</Divisa>')
  const { signer } = channel.files.signing
  const file =
    c.formato === 'FPA12'
      ? await signCades(Buffer.from(xml), loadPemIdentity({ key: signer.keyPem, certificates: signer.certPem }))
      : Buffer.from(xml)
  await channel.put('/scripts', { scope: 'file', match: fileName, delivery: c.delivery, esito: c.esito })
  await channel.sign(file, fileName)
  return fileName
}

/** The messages about one file, as `RC`, `NE:EC01`, ...: matched by the invoice file name their names start with. */
function messagesAbout(fileName: string): Notice[] {
  const stem = fileName.slice(0, fileName.indexOf('.'))
  return channel.notices.filter((notice) => notice.NomeFile.startsWith(`${stem}_`))
}

function label(notice: Notice): string {
  const parsed = parseSdiMessage(notice.File)
  if (!parsed.ok) return `${notice.kind}:unparsable`
  const { message } = parsed
  return message.kind === 'NE' && message.family === 'pa' ? `NE:${message.data.EsitoCommittente.Esito}` : message.kind
}

describe("the simulator's outcomes through the real services (FACTS.md §8)", () => {
  // Concurrent tests must use their context's expect.
  it.concurrent.for(CASES)('%s', { timeout: 90_000 }, async ([, c], { expect }) => {
    const fileName = await submit(c)
    await expect.poll(() => messagesAbout(fileName).map(label), { timeout: 60_000, interval: 250 }).toEqual(c.expected)
    const messages = messagesAbout(fileName)
    for (const notice of messages) {
      const parsed = parseSdiMessage(notice.File)
      expect(parsed.ok && parsed.message.family).toBe(c.formato === 'FPA12' ? 'pa' : 'b2b')
      const verified = xmlsecVerify(channel.files.dir, notice.File, channel.files.signing.ca.certFile)
      expect(verified, verified.stderr).toMatchObject({ ok: true })
    }
    const last = parseSdiMessage(messages.at(-1)!.File)
    expect(last.ok && last.message.root).toBe(c.root)
  })
})
