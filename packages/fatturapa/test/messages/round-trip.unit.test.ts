import { describe, expect, it } from 'vitest'
import { parseSdiMessage, serializeSdiMessage, type SdiMessage } from '../../src/index.ts'
import { B2B_MESSAGES } from './fixtures.ts'
import { MESSAGE_SAMPLES, readMessageSample } from './helpers.ts'

function parsed(xml: Buffer | string): SdiMessage {
  const result = parseSdiMessage(xml)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.message
}

function signatureOf(message: SdiMessage): string | undefined {
  return 'Signature' in message.data ? message.data.Signature?.xml : undefined
}

describe('official PA message samples', () => {
  it.each(MESSAGE_SAMPLES)('recognises $file by its root and namespace', ({ file, kind, root }) => {
    const message = parsed(readMessageSample(file))
    expect({ kind: message.kind, family: message.family, root: message.root }).toEqual({ kind, family: 'pa', root })
    expect(message.data.IdentificativoSdI).toBe('111')
  })

  it.each(MESSAGE_SAMPLES)('round-trips $file: parse, serialize, parse gives the same message', ({ file }) => {
    const message = parsed(readMessageSample(file))
    const xml = serializeSdiMessage(message)
    expect(parsed(xml)).toEqual(message)
    // Serializing is deterministic: a second round gives the same text.
    expect(serializeSdiMessage(parsed(xml))).toBe(xml)
  })

  it.each(MESSAGE_SAMPLES)(
    'keeps the ds:Signature of $file as the original text, written back verbatim',
    ({ file, signed }) => {
      const original = readMessageSample(file).toString('utf8')
      const message = parsed(original)
      const signature = signatureOf(message)
      expect(signature !== undefined).toBe(signed)
      if (signature === undefined) return
      expect(signature.startsWith('<ds:Signature ')).toBe(true)
      expect(original).toContain(signature)
      const xml = serializeSdiMessage(message)
      expect(xml).toContain(signature)
      expect(xml.endsWith(`${signature}</types:${message.root}>`)).toBe(true)
    },
  )

  it('reads the content of every sample as typed data', () => {
    const ns = parsed(readMessageSample('IT01234567890_11111_NS_001.xml'))
    expect(ns.kind === 'NS' && ns.family === 'pa' && ns.data).toMatchObject({
      DataOraRicezione: '2013-06-06T12:00:00Z',
      RiferimentoArchivio: { IdentificativoSdI: '100', NomeFile: 'IT01234567890_11111.zip' },
      ListaErrori: { Errore: [{ Codice: '00100', Descrizione: 'Certificato di firma scaduto' }] },
    })
    const ne = parsed(readMessageSample('IT01234567890_11111_NE_001.xml'))
    expect(ne.kind === 'NE' && ne.data).toMatchObject({
      IntermediarioConDupliceRuolo: 'Si',
      EsitoCommittente: {
        versione: '1.0',
        RiferimentoFattura: { NumeroFattura: '1111', AnnoFattura: 2013, PosizioneFattura: 2 },
        Esito: 'EC01',
      },
    })
    const mt = parsed(readMessageSample('IT01234567890_11111_MT_001.xml'))
    expect(mt.kind === 'MT' && mt.data).toMatchObject({
      CodiceDestinatario: 'AAA111',
      Formato: 'SDI10',
      TentativiInvio: 1,
    })
  })
})

describe('constructed B2B messages', () => {
  it.each(B2B_MESSAGES)('round-trips a $root', (message) => {
    const xml = serializeSdiMessage(message)
    expect(parsed(xml)).toEqual(message)
    expect(parsed(Buffer.from(xml, 'utf8'))).toEqual(message)
  })

  it('maps the B2B roots to the kinds of their PA counterparts', () => {
    expect(B2B_MESSAGES.map((message) => [message.root, parsed(serializeSdiMessage(message)).kind])).toEqual([
      ['RicevutaScarto', 'NS'],
      ['RicevutaConsegna', 'RC'],
      ['RicevutaImpossibilitaRecapito', 'MC'],
      ['FileMetadati', 'MT'],
    ])
  })
})
