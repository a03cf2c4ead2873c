import { afterAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ParseOption, XmlDocument, XmlElement, XsdValidator } from 'libxml2-wasm'
import { SDI_SERVICES, WSDL_DIR, type ServiceSpec } from '../src/index.ts'
import { loadWsdl } from '../src/soap/wsdl-loader.ts'
import {
  boundOperations,
  loadOfficialSchemas,
  loadOfficialWsdl,
  OFFICIAL_WSDL,
  OFFICIAL_WSDL_DIR,
} from './helpers/official.ts'

const official = loadOfficialSchemas()
afterAll(() => official.dispose())

describe('our WSDLs', () => {
  it.each(SDI_SERVICES.map((s) => [s.name, s] as const))(
    '%s binds what the official WSDL binds',
    async (name, service) => {
      const ours = await loadWsdl(service)
      const theirs = await loadOfficialWsdl(OFFICIAL_WSDL[name])
      expect(boundOperations(ours)).toEqual(boundOperations(theirs))
      expect(ours.definitions.$targetNamespace).toBe(theirs.definitions.$targetNamespace)
      for (const binding of Object.values(ours.definitions.bindings)) {
        expect(binding.style).toBe('document')
        expect(binding.transport).toBe('http://schemas.xmlsoap.org/soap/http')
      }
      // The same global elements and types, except where the official SdIRiceviFile still imports the 1.0 types
      // (notificaFileNonRecapitabile instead of attestazioneTrasmissioneFattura; see trasmissione-types.xsd).
      const vocabulary = (wsdl: typeof ours) => {
        const schema = wsdl.definitions.schemas[service.typesNamespace]!
        return {
          elements: Object.keys(schema.elements).sort(),
          types: [...Object.keys(schema.complexTypes), ...Object.keys(schema.types)].sort(),
        }
      }
      if (name !== 'SdIRiceviFile') expect(vocabulary(ours)).toEqual(vocabulary(theirs))
    },
  )

  it.each(SDI_SERVICES.map((s) => [s.name, s] as const))(
    '%s: the TypeScript table matches the WSDL',
    async (_, service: ServiceSpec) => {
      const bound = boundOperations(await loadWsdl(service))
      for (const op of Object.values(service.operations)) {
        expect(bound.get(op.operation)).toEqual({
          soapAction: op.soapAction,
          input: op.requestElement,
          output: op.responseElement,
        })
      }
    },
  )

  it('no file is a copy of an official one', () => {
    const officialFiles = readdirSync(OFFICIAL_WSDL_DIR).map((f) => readFileSync(join(OFFICIAL_WSDL_DIR, f)))
    for (const file of readdirSync(WSDL_DIR)) {
      const bytes = readFileSync(join(WSDL_DIR, file))
      expect(
        officialFiles.some((o) => o.equals(bytes)),
        file,
      ).toBe(false)
    }
  })
})

// Our XSDs must accept and refuse exactly what the official ones do: the same bodies go through both.
const T = 'http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0/types'
const R = 'http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types'
const env = (body: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`
const fileSdI = (el: string, ns: string, id = '12345', name = 'IT01234567890_11111_RC_001.xml', file = 'aGVsbG8=') =>
  `<t:${el} xmlns:t="${ns}"><IdentificativoSdI>${id}</IdentificativoSdI><NomeFile>${name}</NomeFile><File>${file}</File></t:${el}>`

const bodies: [string, string][] = [
  [
    'fileSdIAccoglienza',
    `<t:fileSdIAccoglienza xmlns:t="${T}"><NomeFile>IT01234567890_00001.xml</NomeFile><File>aGVsbG8=</File></t:fileSdIAccoglienza>`,
  ],
  [
    'fileSdIAccoglienza, name too short',
    `<t:fileSdIAccoglienza xmlns:t="${T}"><NomeFile>a.xml</NomeFile><File>aGVsbG8=</File></t:fileSdIAccoglienza>`,
  ],
  [
    'rispostaSdIRiceviFile',
    `<t:rispostaSdIRiceviFile xmlns:t="${T}"><IdentificativoSdI>1</IdentificativoSdI><DataOraRicezione>2024-01-01T10:00:00Z</DataOraRicezione><Errore>EI02</Errore></t:rispostaSdIRiceviFile>`,
  ],
  [
    'rispostaSdIRiceviFile, unknown error',
    `<t:rispostaSdIRiceviFile xmlns:t="${T}"><IdentificativoSdI>1</IdentificativoSdI><DataOraRicezione>2024-01-01T10:00:00Z</DataOraRicezione><Errore>EI04</Errore></t:rispostaSdIRiceviFile>`,
  ],
  ['ricevutaConsegna', fileSdI('ricevutaConsegna', T)],
  ['attestazioneTrasmissioneFattura', fileSdI('attestazioneTrasmissioneFattura', T)],
  ['ricevutaConsegna, 13 digits', fileSdI('ricevutaConsegna', T, '1234567890123')],
  [
    'notificaScarto, qualified child',
    `<t:notificaScarto xmlns:t="${T}"><t:IdentificativoSdI>1</t:IdentificativoSdI><NomeFile>IT01234567890_11111_NS_001.xml</NomeFile><File>aGVsbG8=</File></t:notificaScarto>`,
  ],
  ['fileSdI (ricezione)', fileSdI('fileSdI', R)],
  ['fileSdI, bad base64', fileSdI('fileSdI', R, '1', 'IT01234567890_11111_EC_001.xml', '@@@')],
  [
    'fileSdIConMetadati',
    `<t:fileSdIConMetadati xmlns:t="${R}"><IdentificativoSdI>1</IdentificativoSdI><NomeFile>IT01234567890_11111.xml</NomeFile><File>aGVsbG8=</File><NomeFileMetadati>IT01234567890_11111_MT_001.xml</NomeFileMetadati><Metadati>aGVsbG8=</Metadati></t:fileSdIConMetadati>`,
  ],
  ['rispostaRiceviFatture', `<t:rispostaRiceviFatture xmlns:t="${R}"><Esito>ER01</Esito></t:rispostaRiceviFatture>`],
  [
    'rispostaRiceviFatture, ER02',
    `<t:rispostaRiceviFatture xmlns:t="${R}"><Esito>ER02</Esito></t:rispostaRiceviFatture>`,
  ],
  [
    'rispostaSdINotificaEsito ES00',
    `<t:rispostaSdINotificaEsito xmlns:t="${R}"><Esito>ES00</Esito><ScartoEsito><NomeFile>IT01234567890_11111_SE_001.xml</NomeFile><File>aGVsbG8=</File></ScartoEsito></t:rispostaSdINotificaEsito>`,
  ],
  [
    'rispostaSdINotificaEsito, wrong order',
    `<t:rispostaSdINotificaEsito xmlns:t="${R}"><ScartoEsito><NomeFile>IT01234567890_11111_SE_001.xml</NomeFile><File>aGVsbG8=</File></ScartoEsito><Esito>ES00</Esito></t:rispostaSdINotificaEsito>`,
  ],
]

describe('our XSDs', () => {
  const option = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE
  const schemas = ['trasmissione-types.xsd', 'ricezione-types.xsd'].map((file) => {
    const doc = XmlDocument.fromBuffer(readFileSync(join(WSDL_DIR, file)), { url: join(WSDL_DIR, file), option })
    return { ns: doc.root.attr('targetNamespace')!.value, doc, validator: XsdValidator.fromDoc(doc) }
  })
  afterAll(() => schemas.forEach((s) => (s.validator.dispose(), s.doc.dispose())))

  it.each(bodies)('give the official verdict on %s', (_, body) => {
    const expected = official.validateBody(env(body)).valid
    const doc = XmlDocument.fromString(env(body), { option })
    try {
      const element = doc.get('/s:Envelope/s:Body/*[1]', { s: 'http://schemas.xmlsoap.org/soap/envelope/' })!
      const schema = schemas.find((s) => body.includes(`"${s.ns}"`))!
      let valid = true
      try {
        if (!(element instanceof XmlElement)) throw new Error('no body element')
        schema.validator.validate(element)
      } catch {
        valid = false
      }
      expect(valid).toBe(expected)
    } finally {
      doc.dispose()
    }
  })

  it('the sample set has both verdicts', () => {
    const verdicts = new Set(bodies.map(([, body]) => official.validateBody(env(body)).valid))
    expect(verdicts).toEqual(new Set([true, false]))
  })
})
