import { describe, expect, it } from 'vitest'
import {
  parseSdiMessage,
  serializeSdiMessage,
  validateSdiMessage,
  SdiMessageIssueCode as Code,
  type MessageParseResult,
  type SdiMessage,
} from '../../src/index.ts'
import { createXsdValidator } from '../../src/xsd/xsd-validator.ts'
import { edit, XSD_DIR } from '../helpers.ts'
import { aB2bFileMetadati, aB2bRicevutaConsegna, aB2bRicevutaScarto } from './fixtures.ts'
import { messageSampleText, PA_MESSAGES_XSD, PLACEHOLDER_SIGNATURE } from './helpers.ts'

function messageOf(result: MessageParseResult): SdiMessage {
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.message
}

const DSIG = 'http://www.w3.org/2000/09/xmldsig#'

describe('serializeSdiMessage', () => {
  it('writes the namespace, prefix and attributes of the official samples, unindented', () => {
    const xml = serializeSdiMessage(messageOf(parseSdiMessage(messageSampleText('DT'))))
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<types:NotificaDecorrenzaTermini ')).toBe(true)
    expect(xml).toContain('xmlns:types="http://www.fatturapa.gov.it/sdi/messaggi/v1.0"')
    expect(xml).toContain(`xmlns:ds="${DSIG}"`)
    expect(xml).toContain(' versione="1.0" IntermediarioConDupliceRuolo="Si">')
    expect(xml).toContain('><IdentificativoSdI>111</IdentificativoSdI><NomeFile>')
  })

  it('writes B2B messages in their own namespace, with FlussoSemplificato', () => {
    const xml = serializeSdiMessage(aB2bRicevutaConsegna())
    expect(xml).toContain(
      '<ns3:RicevutaConsegna xmlns:ns3="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0"',
    )
    expect(xml).toContain(' versione="1.0" FlussoSemplificato="Si">')
    expect(xml.endsWith('</ns3:RicevutaConsegna>')).toBe(true)
  })

  it('takes another prefix, and refuses one that cannot be', () => {
    const message = aB2bFileMetadati()
    const xml = serializeSdiMessage(message, { prefix: 'm' })
    expect(xml).toContain('<m:FileMetadati xmlns:m=')
    expect(messageOf(parseSdiMessage(xml))).toEqual(message)
    for (const prefix of ['ds', 'xml', 'xmlns', '1a', 'a:b', '']) {
      expect(() => serializeSdiMessage(message, { prefix })).toThrow(TypeError)
    }
  })

  it('escapes markup characters and keeps carriage returns', () => {
    const message = aB2bRicevutaScarto({ Note: 'a < b & c > d\r\ne "f"' })
    const xml = serializeSdiMessage(message)
    expect(xml).toContain('<Note>a &lt; b &amp; c &gt; d&#xD;\ne "f"</Note>')
    expect(messageOf(parseSdiMessage(xml))).toEqual(message)
  })

  it('throws FATTURAPA_ERR_INVALID_MODEL with the issues for an invalid message', () => {
    const message = aB2bRicevutaScarto({ ListaErrori: { Errore: [] }, MessageId: '' })
    expect(() => serializeSdiMessage(message)).toThrow(
      expect.objectContaining({
        code: 'FATTURAPA_ERR_INVALID_MODEL',
        issues: [
          expect.objectContaining({ code: Code.missingElement, path: 'ListaErrori.Errore' }),
          expect.objectContaining({ code: Code.valueLength, path: 'MessageId' }),
        ],
      }),
    )
  })

  it('throws FATTURAPA_ERR_XML_CHARACTER naming the value XML cannot carry', () => {
    const message = aB2bRicevutaScarto()
    const errors = message.data.ListaErrori.Errore
    const bad = {
      ...message,
      data: { ...message.data, ListaErrori: { Errore: [errors[0]!, { ...errors[1]!, Descrizione: 'a\u0000b' }] } },
    }
    expect(() => serializeSdiMessage(bad)).toThrow(
      expect.objectContaining({
        code: 'FATTURAPA_ERR_XML_CHARACTER',
        message: expect.stringContaining('ListaErrori.Errore[1].Descrizione') as unknown,
      }),
    )
  })

  it.each([
    ['another element after the signature', `${PLACEHOLDER_SIGNATURE}<Note>x</Note>`],
    ['an element that is not ds:Signature', '<Signature/>'],
    ['malformed XML', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'],
    ['an unbound prefix', `<ds:Signature xmlns:ds="${DSIG}"><q:x/></ds:Signature>`],
    ['a DOCTYPE', `<!DOCTYPE x>${PLACEHOLDER_SIGNATURE}`],
    ['two signatures', PLACEHOLDER_SIGNATURE.repeat(2)],
  ])('refuses an opaque ds:Signature holding %s', (_, xml) => {
    expect(() => serializeSdiMessage(aB2bRicevutaConsegna({ Signature: { xml } }))).toThrow(
      expect.objectContaining({ code: 'FATTURAPA_ERR_INVALID_MODEL' }),
    )
  })

  it('skips validation when asked, but still needs a known root', () => {
    const invalid = aB2bFileMetadati({ MessageId: '' })
    expect(serializeSdiMessage(invalid, { validate: false })).toContain('<MessageId></MessageId>')
    const unknown = { ...invalid, root: 'Fattura' } as unknown as SdiMessage
    expect(() => serializeSdiMessage(unknown, { validate: false })).toThrow(
      expect.objectContaining({ code: 'FATTURAPA_ERR_INVALID_MODEL' }),
    )
  })

  it('keeps a signed EC inside NotificaEsito self-contained, whatever declares its prefixes', () => {
    const signature =
      '<ds:Signature><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>' +
      '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="">' +
      '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAA</ds:DigestValue>' +
      '</ds:Reference></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue>' +
      '<ds:Object><xades:QualifyingProperties Target="#s"/></ds:Object></ds:Signature>'
    const xml = edit(
      edit(
        messageSampleText('NE'),
        '<EsitoCommittente versione="1.0">',
        `<EsitoCommittente versione="1.0" xmlns:ds="${DSIG}" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#">`,
      ),
      '<MessageIdCommittente>123456</MessageIdCommittente>',
      `<MessageIdCommittente>123456</MessageIdCommittente>${signature}`,
    )
    using xsd = createXsdValidator(XSD_DIR, { schemaFile: PA_MESSAGES_XSD })
    expect(xsd.validate(xml).valid).toBe(true)
    const message = messageOf(parseSdiMessage(xml))
    const nested = message.kind === 'NE' ? message.data.EsitoCommittente.Signature?.xml : undefined
    expect(nested).toContain('xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"')
    const output = serializeSdiMessage(message)
    expect(xsd.validate(output).valid).toBe(true)
    expect(messageOf(parseSdiMessage(output))).toEqual(message)
  })
})

describe('validateSdiMessage', () => {
  it('accepts a valid message, and by default wants the signature the XSD requires', () => {
    expect(validateSdiMessage(aB2bRicevutaScarto())).toEqual([])
    const unsigned = aB2bRicevutaScarto({ Signature: undefined })
    expect(validateSdiMessage(unsigned).map((issue) => [issue.code, issue.path])).toEqual([
      [Code.missingElement, 'Signature'],
    ])
    expect(validateSdiMessage(unsigned, { requireSignature: false })).toEqual([])
  })

  it('checks kind, family and root together', () => {
    expect(validateSdiMessage({ ...aB2bRicevutaScarto(), kind: 'RC' }).map((issue) => issue.code)).toEqual([
      Code.valueEnum,
    ])
    expect(validateSdiMessage({ ...aB2bRicevutaScarto(), family: 'pa' }).map((issue) => issue.code)).toEqual([
      Code.notSdiMessage,
    ])
    expect(validateSdiMessage(null).map((issue) => issue.code)).toEqual([Code.notSdiMessage])
  })

  it('reports unknown properties, wrong types and missing attributes with their paths', () => {
    const message = aB2bFileMetadati()
    const data = { ...message.data, Extra: 'x', TentativiInvio: '1' } as Record<string, unknown>
    delete data.versione
    expect(validateSdiMessage({ ...message, data }).map((issue) => [issue.code, issue.path])).toEqual(
      expect.arrayContaining([
        [Code.missingAttribute, 'versione'],
        [Code.unexpectedElement, 'Extra'],
        [Code.valueType, 'TentativiInvio'],
      ]),
    )
  })
})
