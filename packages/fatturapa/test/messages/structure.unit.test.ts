import { describe, expect, it } from 'vitest'
import {
  parseSdiMessage,
  SdiMessageIssueCode as Code,
  serializeSdiMessage,
  type MessageParseResult,
} from '../../src/index.ts'
import { edit } from '../helpers.ts'
import { aB2bRicevutaScarto } from './fixtures.ts'
import { messageSampleText } from './helpers.ts'

/* Structural and value errors come back as issues with a stable code and the path of the element in the model. */

function issuesOf(result: MessageParseResult): [string, string][] {
  return result.ok ? [] : result.issues.map((issue) => [issue.code, issue.path])
}

const RC = () => messageSampleText('RC')
const NS = () => messageSampleText('NS')
const NE = () => messageSampleText('NE')
const EC = () => messageSampleText('EC')
const MT = () => messageSampleText('MT')

describe('structure', () => {
  it('reports a missing element with its path, and the line and column where its parent closed', () => {
    const result = parseSdiMessage(edit(RC(), '<MessageId>123456</MessageId>', ''))
    expect(issuesOf(result)).toEqual([[Code.missingElement, 'MessageId']])
    expect(result.issues[0]).toMatchObject({
      line: expect.any(Number) as unknown,
      column: expect.any(Number) as unknown,
    })
  })

  it('reports a missing nested element', () => {
    const xml = edit(RC(), '<Descrizione>Amministrazione di prova</Descrizione>', '')
    expect(issuesOf(parseSdiMessage(xml))).toEqual([[Code.missingElement, 'Destinatario.Descrizione']])
  })

  it('reports elements out of order, and still reads them', () => {
    const xml = edit(
      RC(),
      '<MessageId>123456</MessageId>\n  <Note>Esempio</Note>',
      '<Note>Esempio</Note><MessageId>123456</MessageId>',
    )
    const result = parseSdiMessage(xml)
    expect(issuesOf(result)).toEqual([[Code.elementOrder, 'MessageId']])
    expect(result.ok ? undefined : result.partial).toMatchObject({
      kind: 'RC',
      data: { MessageId: '123456', Note: 'Esempio' },
    })
  })

  it('reports an undeclared element, attribute and text', () => {
    const xml = edit(
      edit(edit(RC(), '<Note>', '<Nota>x</Nota><Note>'), 'versione="1.0"', 'versione="1.0" x="1"'),
      '<MessageId>',
      'testo<MessageId>',
    )
    expect(issuesOf(parseSdiMessage(xml))).toEqual([
      [Code.unexpectedAttribute, ''],
      [Code.textNotAllowed, ''],
      [Code.unexpectedElement, 'Nota'],
    ])
  })

  it('reports more than 200 errors in ListaErrori, with the index of the first one too many', () => {
    const errore = /<Errore>[\s\S]*?<\/Errore>/.exec(NS())?.[0] ?? ''
    const xml = edit(NS(), errore, errore.repeat(201))
    expect(issuesOf(parseSdiMessage(xml))).toEqual([[Code.tooManyOccurrences, 'ListaErrori.Errore[200]']])
  })

  it('reports a child element qualified with the message namespace', () => {
    const xml = edit(RC(), '<Note>Esempio</Note>', '<types:Note>Esempio</types:Note>')
    expect(issuesOf(parseSdiMessage(xml))).toEqual([[Code.wrongNamespace, 'Note']])
  })

  it('reports the attributes of the root and of NotificaEsito/EsitoCommittente', () => {
    expect(issuesOf(parseSdiMessage(edit(RC(), ' versione="1.0"', '')))).toEqual([[Code.missingAttribute, 'versione']])
    expect(issuesOf(parseSdiMessage(edit(RC(), 'versione="1.0"', 'versione="1.1"')))).toEqual([
      [Code.valueEnum, 'versione'],
    ])
    expect(
      issuesOf(parseSdiMessage(edit(NE(), 'IntermediarioConDupliceRuolo="Si"', 'IntermediarioConDupliceRuolo="si"'))),
    ).toEqual([[Code.valueEnum, 'IntermediarioConDupliceRuolo']])
    const nested = edit(NE(), '<EsitoCommittente versione="1.0">', '<EsitoCommittente>')
    const result = parseSdiMessage(nested)
    expect(issuesOf(result)).toEqual([[Code.missingAttribute, 'EsitoCommittente.versione']])
    expect(result.issues[0]?.message).toEqual({
      it: expect.stringContaining('versione') as unknown,
      en: 'Attribute versione is required on EsitoCommittente',
    })
  })

  it('requires the ds:Signature SdI puts on its messages, unless told otherwise', () => {
    const xml = RC().replace(/<ds:Signature [\s\S]*<\/ds:Signature>/, '')
    expect(issuesOf(parseSdiMessage(xml))).toEqual([[Code.missingElement, 'Signature']])
    expect(parseSdiMessage(xml, { requireSignature: false }).ok).toBe(true)
    // EC (signature optional) and MT (none) never need one.
    expect(parseSdiMessage(EC()).ok && parseSdiMessage(MT()).ok).toBe(true)
  })
})

describe('values', () => {
  it.each([
    [
      'IdentificativoSdI of 13 digits',
      () => edit(RC(), '<IdentificativoSdI>111<', '<IdentificativoSdI>1234567890123<'),
      Code.valuePattern,
      'IdentificativoSdI',
    ],
    [
      'a day that does not exist',
      () => edit(RC(), '2013-06-06T12:01:00Z', '2013-02-29T12:01:00Z'),
      Code.valueFormat,
      'DataOraConsegna',
    ],
    [
      'a dateTime of the wrong shape',
      () => edit(RC(), '2013-06-06T12:01:00Z', '2013-06-06 12:01'),
      Code.valuePattern,
      'DataOraConsegna',
    ],
    [
      'CodiceDestinatario in lower case',
      () => edit(RC(), '<Codice>AAA111<', '<Codice>aaa111<'),
      Code.valuePattern,
      'Destinatario.Codice',
    ],
    [
      'MessageId too long',
      () => edit(RC(), '<MessageId>123456<', '<MessageId>123456789012345<'),
      Code.valueLength,
      'MessageId',
    ],
    [
      'an NS error code of 4 characters',
      () => edit(NS(), '<Codice>00100<', '<Codice>0010<'),
      Code.valueLength,
      'ListaErrori.Errore[0].Codice',
    ],
    ['an EC outcome that does not exist', () => edit(EC(), '>EC01<', '>EC03<'), Code.valueEnum, 'Esito'],
    ['a negative AnnoFattura', () => edit(EC(), '>2013<', '>-1<'), Code.valueRange, 'RiferimentoFattura.AnnoFattura'],
    [
      'NumeroFattura outside Basic Latin',
      () => edit(EC(), '>1111<', '>11è1<'),
      Code.valueCharacter,
      'RiferimentoFattura.NumeroFattura',
    ],
    [
      'TentativiInvio not an integer',
      () => edit(MT(), '<TentativiInvio>1<', '<TentativiInvio>uno<'),
      Code.valueType,
      'TentativiInvio',
    ],
    ['a nested EC outcome', () => edit(NE(), '>EC01<', '>EC09<'), Code.valueEnum, 'EsitoCommittente.Esito'],
  ] as const)('reports %s', (_, build, code, path) => {
    const result = parseSdiMessage(build())
    expect(issuesOf(result)).toEqual([[code, path]])
    expect(result.issues[0]?.message.it).toEqual(expect.any(String))
  })

  it('reports several problems of a B2B RicevutaScarto at once, each with its path', () => {
    const xml = edit(
      edit(serializeSdiMessage(aB2bRicevutaScarto()), '<Suggerimento></Suggerimento>', ''),
      '<Codice>00404<',
      '<Codice>004040<',
    )
    expect(issuesOf(parseSdiMessage(xml))).toEqual([
      [Code.missingElement, 'ListaErrori.Errore[1].Suggerimento'],
      [Code.valueLength, 'ListaErrori.Errore[2].Codice'],
    ])
  })

  it('collapses blanks where the XSD does (integers), and keeps xs:string values as written', () => {
    const xml = edit(
      edit(RC(), '<IdentificativoSdI>111<', '<IdentificativoSdI>\n  111 <'),
      '<Note>Esempio<',
      '<Note>  Esempio\n<',
    )
    const result = parseSdiMessage(xml)
    expect(result.ok && result.message.data).toMatchObject({ IdentificativoSdI: '111', Note: '  Esempio\n' })
  })
})

describe('recognising the message', () => {
  it.each([
    [
      'an invoice',
      '<p:FatturaElettronica versione="FPR12" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"/>',
    ],
    ['a message root in no namespace', '<RicevutaConsegna versione="1.0"/>'],
    [
      'a PA root in the B2B namespace',
      '<m:NotificaEsito xmlns:m="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0"/>',
    ],
    ['a B2B root in the PA namespace', '<m:FileMetadati xmlns:m="http://www.fatturapa.gov.it/sdi/messaggi/v1.0"/>'],
  ])('refuses %s, whatever the file is called', (_, xml) => {
    const result = parseSdiMessage(xml)
    expect(issuesOf(result)).toEqual([[Code.notSdiMessage, '']])
    expect(result.ok ? 'ok' : result.partial).toBeUndefined()
  })

  it('returns what it could read when the content is not valid', () => {
    const result = parseSdiMessage(edit(RC(), '<MessageId>123456</MessageId>', ''))
    expect(result.ok ? undefined : result.partial).toMatchObject({
      kind: 'RC',
      family: 'pa',
      root: 'RicevutaConsegna',
      data: { IdentificativoSdI: '111', NomeFile: 'IT01234567890_11111.xml.p7m' },
    })
  })

  it('stops after maxIssues', () => {
    const xml = edit(RC(), '<Note>', '<A/><B/><C/><D/><E/><Note>')
    const result = parseSdiMessage(xml, { maxIssues: 3 })
    expect(issuesOf(result).map(([code]) => code)).toEqual([
      Code.unexpectedElement,
      Code.unexpectedElement,
      Code.unexpectedElement,
      Code.tooManyIssues,
    ])
  })
})
