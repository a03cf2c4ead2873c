import { afterAll, describe, expect, it } from 'vitest'
import { parseSdiMessage, serializeSdiMessage, type MessageParseResult, type SdiMessage } from '../../src/index.ts'
import { createXsdValidator } from '../../src/xsd/xsd-validator.ts'
import { edit, XSD_DIR } from '../helpers.ts'
import { aB2bRicevutaConsegna, aB2bRicevutaScarto, B2B_MESSAGES } from './fixtures.ts'
import { B2B_MESSAGES_XSD, MESSAGE_SAMPLES, PA_MESSAGES_XSD, messageSampleText, readMessageSample } from './helpers.ts'

// The official schemas, compiled by libxml2; xmldsig-core-schema.xsd is imported from the same folder.
const paXsd = createXsdValidator(XSD_DIR, { schemaFile: PA_MESSAGES_XSD })
const b2bXsd = createXsdValidator(XSD_DIR, { schemaFile: B2B_MESSAGES_XSD })
afterAll(() => {
  paXsd.dispose()
  b2bXsd.dispose()
})

function xsdFor(family: SdiMessage['family']) {
  return family === 'pa' ? paXsd : b2bXsd
}

function messageOf(result: MessageParseResult): SdiMessage {
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.message
}

function unsigned(message: SdiMessage): SdiMessage {
  const data: Record<string, unknown> = { ...message.data }
  delete data.Signature
  return { ...message, data } as SdiMessage
}

describe('serialized output against the official message XSDs (libxml2)', () => {
  it.each(MESSAGE_SAMPLES)('the original $file is valid, and our parser agrees', ({ file }) => {
    expect(paXsd.validate(readMessageSample(file))).toEqual({ valid: true, problems: [] })
    expect(parseSdiMessage(readMessageSample(file)).ok).toBe(true)
  })

  it.each(MESSAGE_SAMPLES)('accepts the serialization of $file', ({ file }) => {
    const xml = serializeSdiMessage(messageOf(parseSdiMessage(readMessageSample(file))))
    expect(paXsd.validate(xml)).toEqual({ valid: true, problems: [] })
  })

  it.each(B2B_MESSAGES)('accepts the serialization of a constructed B2B $root', (message) => {
    expect(b2bXsd.validate(serializeSdiMessage(message))).toEqual({ valid: true, problems: [] })
  })

  it('accepts B2B messages with only the required elements', () => {
    const scarto = aB2bRicevutaScarto({ RiferimentoArchivio: undefined, PecMessageId: undefined, Note: undefined })
    const consegna = aB2bRicevutaConsegna({ FlussoSemplificato: undefined, Destinatario: { Codice: 'ABC1234' } })
    for (const message of [scarto, consegna]) {
      const xml = serializeSdiMessage(message)
      expect(b2bXsd.validate(xml)).toEqual({ valid: true, problems: [] })
      expect(messageOf(parseSdiMessage(xml))).toEqual(message)
    }
  })

  it('writes unsigned messages, which the XSD (and our parser, by default) refuse for lack of ds:Signature', () => {
    const signed = [
      ...MESSAGE_SAMPLES.filter((sample) => sample.signed).map(({ file }) =>
        messageOf(parseSdiMessage(readMessageSample(file))),
      ),
      ...B2B_MESSAGES.filter((message) => message.kind !== 'MT'),
    ]
    expect(signed).toHaveLength(10)
    for (const message of signed.map(unsigned)) {
      const xml = serializeSdiMessage(message)
      const libxml2 = xsdFor(message.family).validate(xml)
      expect(libxml2.valid).toBe(false)
      expect(libxml2.problems).toEqual([
        expect.objectContaining({ message: expect.stringContaining('Signature') as unknown }),
      ])
      const strict = parseSdiMessage(xml)
      expect(strict.ok ? [] : strict.issues.map((issue) => [issue.code, issue.path])).toEqual([
        ['FATTURAPA_ERR_MISSING_ELEMENT', 'Signature'],
      ])
      expect(messageOf(parseSdiMessage(xml, { requireSignature: false }))).toEqual(message)
    }
  })
})

const RC = () => serializeSdiMessage(messageOf(parseSdiMessage(messageSampleText('RC'))))
const NS = () => serializeSdiMessage(messageOf(parseSdiMessage(messageSampleText('NS'))))
const NE = () => serializeSdiMessage(messageOf(parseSdiMessage(messageSampleText('NE'))))
const EC = () => serializeSdiMessage(messageOf(parseSdiMessage(messageSampleText('EC'))))
const MT = () => serializeSdiMessage(messageOf(parseSdiMessage(messageSampleText('MT'))))
const B2B_NS = () => serializeSdiMessage(aB2bRicevutaScarto())
const B2B_RC = () => serializeSdiMessage(aB2bRicevutaConsegna())

const ERRORE = '<Errore><Codice>00100</Codice><Descrizione>Certificato di firma scaduto</Descrizione></Errore>'

// Each case: a valid message edited once, whether the XSD accepts it; libxml2 and parseSdiMessage must both say so.
const CASES: readonly (readonly [string, 'pa' | 'b2b', boolean, () => string])[] = [
  [
    'PA IdentificativoSdI with leading zeros beyond 12 digits',
    'pa',
    true,
    () => edit(RC(), '>111<', '>000000000000111<'),
  ],
  ['PA IdentificativoSdI of 12 digits', 'pa', true, () => edit(RC(), '>111<', '>123456789012<')],
  ['PA IdentificativoSdI of 13 digits', 'pa', false, () => edit(RC(), '>111<', '>1234567890123<')],
  ['PA IdentificativoSdI with blanks around', 'pa', true, () => edit(RC(), '>111<', '> 111\n<')],
  ['PA IdentificativoSdI not a number', 'pa', false, () => edit(RC(), '>111<', '>abc<')],
  ['versione other than 1.0', 'pa', false, () => edit(RC(), 'versione="1.0"', 'versione="1.1"')],
  ['no versione', 'pa', false, () => edit(RC(), ' versione="1.0"', '')],
  ['IntermediarioConDupliceRuolo other than Si', 'pa', false, () => edit(RC(), 'Ruolo="Si"', 'Ruolo="No"')],
  ['an attribute the schema does not declare', 'pa', false, () => edit(RC(), 'versione="1.0"', 'versione="1.0" x="1"')],
  [
    'xsi:schemaLocation',
    'pa',
    true,
    () =>
      edit(
        RC(),
        'versione="1.0"',
        'versione="1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b"',
      ),
  ],
  ['PA MessageId of 15 characters', 'pa', false, () => edit(RC(), '<MessageId>123456<', '<MessageId>123456789012345<')],
  [
    'an empty NomeFile (no minimum length)',
    'pa',
    true,
    () => edit(RC(), '<NomeFile>IT01234567890_11111.xml.p7m<', '<NomeFile><'),
  ],
  [
    'NomeFile of 51 characters',
    'pa',
    false,
    () => edit(RC(), '<NomeFile>IT01234567890_11111.xml.p7m<', `<NomeFile>${'a'.repeat(51)}<`),
  ],
  ['a day that does not exist', 'pa', false, () => edit(RC(), '2013-06-06T12:01:00Z', '2013-02-30T12:01:00Z')],
  ['CodiceDestinatario in lower case', 'pa', false, () => edit(RC(), '<Codice>AAA111<', '<Codice>aaa111<')],
  [
    'PA Destinatario without Descrizione',
    'pa',
    false,
    () => edit(RC(), '<Descrizione>Amministrazione di prova</Descrizione>', ''),
  ],
  [
    'elements out of order',
    'pa',
    false,
    () =>
      edit(
        RC(),
        '<MessageId>123456</MessageId><Note>Esempio</Note>',
        '<Note>Esempio</Note><MessageId>123456</MessageId>',
      ),
  ],
  ['an element the schema does not declare', 'pa', false, () => edit(RC(), '<Note>', '<Nota>x</Nota><Note>')],
  [
    'a child qualified with the message namespace',
    'pa',
    false,
    () => edit(RC(), '<Note>Esempio</Note>', '<types:Note>Esempio</types:Note>'),
  ],
  ['text directly inside the root', 'pa', false, () => edit(RC(), '<Note>', 'testo<Note>')],
  [
    'ds:Signature before Note',
    'pa',
    false,
    () => {
      const xml = RC()
      const signature = xml.slice(xml.indexOf('<ds:Signature'), xml.lastIndexOf('</types:'))
      return edit(edit(xml, signature, ''), '<Note>', `${signature}<Note>`)
    },
  ],
  [
    'two ds:Signature',
    'pa',
    false,
    () => {
      const xml = RC()
      const signature = xml.slice(xml.indexOf('<ds:Signature'), xml.lastIndexOf('</types:'))
      return edit(xml, '</types:RicevutaConsegna>', `${signature}</types:RicevutaConsegna>`)
    },
  ],
  ['NS error Codice of 4 characters', 'pa', false, () => edit(NS(), '<Codice>00100<', '<Codice>0010<')],
  ['NS with 200 errors', 'pa', true, () => edit(NS(), ERRORE, ERRORE.repeat(200))],
  ['NS with 201 errors', 'pa', false, () => edit(NS(), ERRORE, ERRORE.repeat(201))],
  ['NS with an empty ListaErrori', 'pa', false, () => edit(NS(), ERRORE, '')],
  ['NS Descrizione of 256 characters', 'pa', false, () => edit(NS(), 'Certificato di firma scaduto', 'x'.repeat(256))],
  [
    'NE EsitoCommittente without versione',
    'pa',
    false,
    () => edit(NE(), '<EsitoCommittente versione="1.0">', '<EsitoCommittente>'),
  ],
  [
    'NE EsitoCommittente with an undeclared attribute',
    'pa',
    false,
    () => edit(NE(), '<EsitoCommittente versione="1.0">', '<EsitoCommittente versione="1.0" y="2">'),
  ],
  ['EC Esito not EC01/EC02', 'pa', false, () => edit(EC(), '>EC01<', '>EC03<')],
  ['EC AnnoFattura negative', 'pa', false, () => edit(EC(), '>2013<', '>-1<')],
  ['EC PosizioneFattura 0', 'pa', false, () => edit(EC(), '<PosizioneFattura>2<', '<PosizioneFattura>0<')],
  ['EC NumeroFattura of 21 characters', 'pa', false, () => edit(EC(), '>1111<', `>${'1'.repeat(21)}<`)],
  ['EC NumeroFattura outside Basic Latin', 'pa', false, () => edit(EC(), '>1111<', '>11è1<')],
  [
    'EC without its optional parts',
    'pa',
    true,
    () =>
      edit(
        edit(EC(), /<RiferimentoFattura>.*<\/RiferimentoFattura>/.exec(EC())?.[0] ?? '', ''),
        '<Descrizione>Esempio</Descrizione>',
        '',
      ),
  ],
  ['MT TentativiInvio not an integer', 'pa', false, () => edit(MT(), '<TentativiInvio>1<', '<TentativiInvio>uno<')],
  [
    'MT with a ds:Signature',
    'pa',
    false,
    () => {
      const signature = /<ds:Signature [\s\S]*<\/ds:Signature>/.exec(RC())?.[0] ?? ''
      return edit(MT(), '</types:MetadatiInvioFile>', `${signature}</types:MetadatiInvioFile>`)
    },
  ],
  ['MT Formato of 6 characters', 'pa', false, () => edit(MT(), '>SDI10<', '>SDI100<')],
  [
    'B2B IdentificativoSdI of 36 characters',
    'b2b',
    true,
    () => edit(B2B_RC(), 'a1b2c3d4-0000-4000-8000-000000000001', 'x'.repeat(36)),
  ],
  [
    'B2B IdentificativoSdI of 37 characters',
    'b2b',
    false,
    () => edit(B2B_RC(), 'a1b2c3d4-0000-4000-8000-000000000001', 'x'.repeat(37)),
  ],
  [
    'B2B RicevutaConsegna without Hash',
    'b2b',
    false,
    () => edit(B2B_RC(), /<Hash>[0-9a-f]+<\/Hash>/.exec(B2B_RC())?.[0] ?? '', ''),
  ],
  [
    'B2B FlussoSemplificato other than Si',
    'b2b',
    false,
    () => edit(B2B_RC(), 'FlussoSemplificato="Si"', 'FlussoSemplificato="si"'),
  ],
  [
    'B2B IntermediarioConDupliceRuolo (PA only)',
    'b2b',
    false,
    () => edit(B2B_RC(), 'FlussoSemplificato=', 'IntermediarioConDupliceRuolo='),
  ],
  ['B2B error without Suggerimento', 'b2b', false, () => edit(B2B_NS(), '<Suggerimento></Suggerimento>', '')],
  ['B2B error Codice of 1 character', 'b2b', true, () => edit(B2B_NS(), '<Codice>00200<', '<Codice>2<')],
  ['B2B error Codice empty', 'b2b', false, () => edit(B2B_NS(), '<Codice>00200<', '<Codice><')],
  [
    'B2B Suggerimento of 2001 characters',
    'b2b',
    false,
    () => edit(B2B_NS(), '<Suggerimento></Suggerimento>', `<Suggerimento>${'s'.repeat(2001)}</Suggerimento>`),
  ],
  [
    'a B2B root in the PA namespace',
    'pa',
    false,
    () =>
      B2B_RC().replaceAll(
        'ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0',
        'www.fatturapa.gov.it/sdi/messaggi/v1.0',
      ),
  ],
]

describe('libxml2 and parseSdiMessage agree on edited messages', () => {
  it.each(CASES)('%s (%s, valid: %s)', (_, family, valid, build) => {
    const xml = build()
    expect(xsdFor(family).validate(xml).valid).toBe(valid)
    const ours = parseSdiMessage(xml)
    expect(ours.ok ? [] : ours.issues).toHaveLength(valid ? 0 : ours.issues.length)
    expect(ours.ok).toBe(valid)
  })
})
