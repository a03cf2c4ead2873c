import { describe, expect, it } from 'vitest'
import { parseSdiMessage, type SdiMessage } from '@varco/fatturapa'
import { sdiSample } from '@varco/testing'
import {
  canonicalIdentificativo,
  notificationFacts,
  TRANSMITTER_OPERATIONS,
  type TransmitterOperation,
} from '../src/domain/notification.ts'

const RECEIVED = new Date('2026-03-10T09:00:00Z')

function sample(kind: string): SdiMessage {
  const parsed = parseSdiMessage(sdiSample(`samples/messages/IT01234567890_11111_${kind}_001.xml`))
  if (!parsed.ok) throw new Error(`sample ${kind} does not parse`)
  return parsed.message
}

const facts = (operation: TransmitterOperation, message: SdiMessage, identificativoSdI = '111') => {
  const result = notificationFacts(operation, { identificativoSdI }, message, RECEIVED)
  if (!result.ok) throw new Error(result.reason)
  return result.facts
}

const b2b = {
  RC: {
    kind: 'RC',
    family: 'b2b',
    root: 'RicevutaConsegna',
    data: {
      versione: '1.0',
      IdentificativoSdI: 'ABC-123',
      NomeFile: 'IT01234567890_00001.xml',
      Hash: 'a'.repeat(64),
      DataOraRicezione: '2026-03-10T10:00:00+01:00',
      DataOraConsegna: '2026-03-10T10:05:00+01:00',
      Destinatario: { Codice: 'ABC1234' },
      MessageId: 'M-1',
    },
  },
  NS: {
    kind: 'NS',
    family: 'b2b',
    root: 'RicevutaScarto',
    data: {
      versione: '1.0',
      IdentificativoSdI: 'ABC-123',
      NomeFile: 'IT01234567890_00001.xml',
      Hash: 'a'.repeat(64),
      DataOraRicezione: '2026-03-10T10:00:00+01:00',
      ListaErrori: {
        Errore: [
          { Codice: '00200', Descrizione: 'File non conforme', Suggerimento: 'Controlla il formato' },
          { Codice: '00404', Descrizione: 'Fattura duplicata', Suggerimento: '' },
        ],
      },
      MessageId: 'M-2',
    },
  },
  MC: {
    kind: 'MC',
    family: 'b2b',
    root: 'RicevutaImpossibilitaRecapito',
    data: {
      versione: '1.0',
      IdentificativoSdI: 'ABC-123',
      NomeFile: 'IT01234567890_00001.xml',
      Hash: 'a'.repeat(64),
      DataOraRicezione: '2026-03-10T10:00:00+01:00',
      DataMessaADisposizione: '2026-07-11',
      MessageId: 'M-3',
    },
  },
} as const satisfies Record<string, SdiMessage>

describe('notificationFacts: the official FPA12 samples (MessaggiTypes)', () => {
  it('RC: the delivery, its time and recipient', () => {
    expect(facts('RicevutaConsegna', sample('RC'))).toEqual({
      kind: 'RC',
      identificativoSdI: '111',
      invoiceFileName: 'IT01234567890_11111.xml.p7m',
      lifecycleMessage: { kind: 'RC' },
      details: {
        messageId: '123456',
        sdiReceivedAt: '2013-06-06T12:00:00.000Z',
        delivery: {
          deliveredAt: '2013-06-06T12:01:00.000Z',
          recipientCode: 'AAA111',
          recipientName: 'Amministrazione di prova',
        },
      },
    })
  })

  it('NS: every error, and the last day to resubmit (five days from the NS)', () => {
    expect(facts('NotificaScarto', sample('NS'))).toMatchObject({
      kind: 'NS',
      lifecycleMessage: { kind: 'NS', onlyDuplicateName: false },
      details: {
        messageId: '123456',
        errors: [{ code: '00100', description: 'Certificato di firma scaduto' }],
        resubmitBy: '2026-03-15',
      },
    })
  })

  it('MC of an FPA12 file: no reserved area', () => {
    const mc = facts('NotificaMancataConsegna', sample('MC'))
    expect(mc).toMatchObject({ kind: 'MC', lifecycleMessage: { kind: 'MC' }, details: { messageId: '123456' } })
    expect(mc.details.inReservedAreaSince).toBeUndefined()
  })

  it("NE: the administration's outcome and its description", () => {
    expect(facts('NotificaEsito', sample('NE'))).toMatchObject({
      kind: 'NE',
      lifecycleMessage: { kind: 'NE', esito: 'EC01' },
      details: { outcome: { esito: 'EC01', description: 'Notifica di esempio' } },
    })
  })

  it.each([
    ['NotificaDecorrenzaTermini', 'DT', {}],
    // The AT sample's DataOraRicezione has no zone: Italian summer time.
    ['AttestazioneTrasmissioneFattura', 'AT', { sdiReceivedAt: '2014-04-01T10:00:00.000Z' }],
  ] as const)('%s: the message id, and when SdI received the file if it says', (operation, kind, received) => {
    expect(facts(operation, sample(kind))).toEqual({
      kind,
      identificativoSdI: '111',
      invoiceFileName: 'IT01234567890_11111.xml.p7m',
      lifecycleMessage: { kind },
      details: { messageId: '123456', ...received },
    })
  })
})

describe('notificationFacts: FPR12 messages (MessaggiFatturaTypes)', () => {
  it('RicevutaConsegna without a recipient name', () => {
    expect(facts('RicevutaConsegna', b2b.RC, 'ABC-123').details).toEqual({
      messageId: 'M-1',
      sdiReceivedAt: '2026-03-10T09:00:00.000Z',
      delivery: { deliveredAt: '2026-03-10T09:05:00.000Z', recipientCode: 'ABC1234' },
    })
  })

  it('RicevutaScarto with suggestions, an empty one left out', () => {
    expect(facts('NotificaScarto', b2b.NS, 'ABC-123').details.errors).toEqual([
      { code: '00200', description: 'File non conforme', suggestion: 'Controlla il formato' },
      { code: '00404', description: 'Fattura duplicata' },
    ])
  })

  it('RicevutaImpossibilitaRecapito: in the reserved area since the start of that Italian day', () => {
    expect(facts('NotificaMancataConsegna', b2b.MC, 'ABC-123').details).toEqual({
      messageId: 'M-3',
      sdiReceivedAt: '2026-03-10T09:00:00.000Z',
      inReservedAreaSince: '2026-07-10T22:00:00.000Z',
    })
  })
})

describe('notificationFacts: an NS that only says 00002', () => {
  const only = (codes: readonly string[]) => ({
    ...b2b.NS,
    data: {
      ...b2b.NS.data,
      ListaErrori: { Errore: codes.map((c) => ({ Codice: c, Descrizione: 'x', Suggerimento: '' })) },
    },
  })
  it.each([
    [['00002'], true],
    [['00002', '00002'], true],
    [['00002', '00200'], false],
    [['00001'], false],
  ])('%j → onlyDuplicateName %s', (codes, expected) => {
    expect(facts('NotificaScarto', only(codes), 'ABC-123').lifecycleMessage).toEqual({
      kind: 'NS',
      onlyDuplicateName: expected,
    })
  })
})

describe('notificationFacts: what is refused', () => {
  const operations = Object.keys(TRANSMITTER_OPERATIONS) as TransmitterOperation[]
  const samples = ['RC', 'NS', 'MC', 'NE', 'DT', 'AT'] as const

  it.each(operations.flatMap((op) => samples.filter((k) => k !== TRANSMITTER_OPERATIONS[op]).map((k) => [op, k])))(
    '%s carrying a %s',
    (operation, kind) => {
      const result = notificationFacts(
        operation as TransmitterOperation,
        { identificativoSdI: '111' },
        sample(kind),
        RECEIVED,
      )
      expect(result.ok).toBe(false)
      expect(!result.ok && result.reason).toContain(
        `carries ${TRANSMITTER_OPERATIONS[operation as TransmitterOperation]} messages`,
      )
    },
  )

  it.each(['EC', 'SE', 'MT'])('a %s, which SdI never sends a transmitter', (kind) => {
    const result = notificationFacts('RicevutaConsegna', { identificativoSdI: '111' }, sample(kind), RECEIVED)
    expect(result.ok).toBe(false)
  })

  it('a message about another file than the call says', () => {
    expect(notificationFacts('RicevutaConsegna', { identificativoSdI: '112' }, sample('RC'), RECEIVED)).toEqual({
      ok: false,
      reason: 'the call is about IdentificativoSdI 112, the message about 111',
    })
  })

  it('the same file written with leading zeros is the same file', () => {
    expect(notificationFacts('RicevutaConsegna', { identificativoSdI: '000111' }, sample('RC'), RECEIVED).ok).toBe(true)
  })
})

describe('canonicalIdentificativo', () => {
  it.each([
    ['111', '111'],
    ['000111', '111'],
    ['+111', '111'],
    ['0', '0'],
    ['000', '0'],
    [' 42 ', '42'],
    ['ABC-0012', 'ABC-0012'],
  ])('%j → %j', (input, expected) => expect(canonicalIdentificativo(input)).toBe(expected))
})
