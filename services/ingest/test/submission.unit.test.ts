import { describe, expect, it } from 'vitest'
import { signCades, loadPemIdentity } from '@varco/signature'
import { createTestPki, validNumbers, validSampleInvoice } from '@varco/testing'
import { factsOf } from '../src/domain/file-facts.ts'
import { idempotencyKeyOf, requestFingerprint } from '../src/domain/idempotency.ts'
import { inputKindOf } from '../src/domain/media-types.ts'
import { decodeSubmission } from '../src/domain/submission.ts'
import { exampleInvoiceJson } from '../src/routes/invoices/examples.ts'
import { exampleJsonWith } from './helpers/requests.ts'

const xml = Buffer.from(validSampleInvoice())
const transmitter = `IT${validNumbers.transmitter}`
const decode = (kind: 'xml' | 'p7m' | 'json', body: Buffer | string, transliterate = false) =>
  decodeSubmission({ kind, body: Buffer.from(body), transliterate })
const codeOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (err) {
    return (err as { code?: string }).code
  }
  return undefined
}

describe('media types', () => {
  it.each([
    ['application/xml', 'xml'],
    ['text/xml; charset=utf-8', 'xml'],
    ['Application/XML', 'xml'],
    ['application/pkcs7-mime; smime-type=signed-data', 'p7m'],
    ['application/x-pkcs7-mime', 'p7m'],
    ['application/json', 'json'],
    ['application/octet-stream', undefined],
    ['text/plain', undefined],
    [undefined, undefined],
  ])('%s is %s', (contentType, kind) => {
    expect(inputKindOf(contentType)).toBe(kind)
  })
})

describe('decodeSubmission', () => {
  it('keeps an XML file byte for byte and reads who transmits it', () => {
    const decoded = decode('xml', xml)
    expect(decoded.file).toEqual({ bytes: xml, mediaType: 'application/xml' })
    expect(decoded.facts).toEqual({
      transmitter,
      recipientCode: 'ABC1234',
      documents: [{ type: 'TD01', number: '123', date: '2014-12-18' }],
    })
  })

  it('accepts a readable file with format errors (validation reports them later)', () => {
    const broken = validSampleInvoice().replace('<Divisa>EUR</Divisa>', '<Divisa>EURO</Divisa>')
    expect(decode('xml', broken).facts.transmitter).toBe(transmitter)
  })

  it('refuses XML that cannot be read, and any DOCTYPE (no entity is ever expanded)', () => {
    expect(codeOf(() => decode('xml', '<p:FatturaElettronica'))).toBe('INGEST_ERR_MALFORMED_XML')
    expect(codeOf(() => decode('xml', 'not xml at all'))).toBe('INGEST_ERR_MALFORMED_XML')
    const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${validSampleInvoice().replace(/^<\?xml[^>]*>/, '')}`
    expect(codeOf(() => decode('xml', billionLaughs))).toBe('INGEST_ERR_XML_DOCTYPE')
    const external = `<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x>&xxe;</x>`
    expect(codeOf(() => decode('xml', external))).toBe('INGEST_ERR_XML_DOCTYPE')
    expect(codeOf(() => decode('xml', ''))).toBe('INGEST_ERR_EMPTY_BODY')
  })

  it('reads the content of a .p7m, DER or base64, and stores the .p7m as sent', async () => {
    const pki = createTestPki()
    try {
      const identity = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
      const der = await signCades(xml, identity)
      for (const body of [der, Buffer.from(der.toString('base64'))]) {
        const decoded = decode('p7m', body)
        expect(decoded.file).toEqual({ bytes: body, mediaType: 'application/pkcs7-mime' })
        expect(decoded.facts.transmitter).toBe(transmitter)
      }
    } finally {
      pki.cleanup()
    }
    expect(codeOf(() => decode('p7m', 'garbage'))).toBe('INGEST_ERR_MALFORMED_P7M')
    expect(codeOf(() => decode('p7m', xml))).toBe('INGEST_ERR_MALFORMED_P7M')
  })

  it('turns FatturaPA JSON into the XML file', () => {
    const decoded = decode('json', JSON.stringify(exampleInvoiceJson))
    expect(decoded.file.mediaType).toBe('application/xml')
    expect(decoded.file.bytes.toString('utf8')).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<p:FatturaElettronica/,
    )
    expect(decoded.facts.transmitter).toBe('IT01234567897')
    expect(decoded.transliterations).toEqual([])
  })

  it('transliterates JSON text on request and reports each change', () => {
    const body = exampleJsonWith('Consulenza “premium” – €')
    expect(codeOf(() => decode('json', body))).toBe('INGEST_ERR_INVOICE_INVALID')
    const decoded = decode('json', body, true)
    expect(decoded.transliterations).toEqual([
      {
        path: 'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[0].Descrizione',
        before: 'Consulenza “premium” – €',
        after: 'Consulenza "premium" - EUR',
      },
    ])
    expect(decoded.file.bytes.toString('utf8')).toContain('<Descrizione>Consulenza "premium" - EUR</Descrizione>')
    expect(codeOf(() => decode('xml', xml, true))).toBe('INGEST_ERR_TRANSLITERATE_JSON_ONLY')
  })

  it('refuses malformed JSON, prototype poisoning and JSON that is no FatturaPA model', () => {
    expect(codeOf(() => decode('json', '{"versione":'))).toBe('INGEST_ERR_MALFORMED_JSON')
    expect(codeOf(() => decode('json', Buffer.from([0xff, 0xfe, 0x7b])))).toBe('INGEST_ERR_MALFORMED_JSON')
    expect(codeOf(() => decode('json', '{"__proto__":{"polluted":true}}'))).toBe('INGEST_ERR_MALFORMED_JSON')
    expect(codeOf(() => decode('json', '{"constructor":{"prototype":{"polluted":true}}}'))).toBe(
      'INGEST_ERR_MALFORMED_JSON',
    )
    for (const notAnInvoice of ['42', '"text"', '[]', 'null', '{}', '{"versione":"FPR12"}']) {
      let errors: unknown
      try {
        decode('json', notAnInvoice)
      } catch (err) {
        expect(err).toMatchObject({ code: 'INGEST_ERR_INVOICE_INVALID', statusCode: 422 })
        errors = (err as { errors: unknown }).errors
      }
      expect(errors, notAnInvoice).toEqual(expect.arrayContaining([expect.objectContaining({ code: '00200' })]))
    }
  })
})

describe('file facts', () => {
  it('reads what it can of a partial model and nothing that is not text', () => {
    expect(factsOf(undefined)).toEqual({ transmitter: undefined, recipientCode: undefined, documents: [] })
    const weird = { FatturaElettronicaHeader: { DatiTrasmissione: { IdTrasmittente: { IdPaese: 'it', IdCodice: 1 } } } }
    expect(factsOf(weird).transmitter).toBeUndefined()
    const partial = {
      FatturaElettronicaHeader: {
        DatiTrasmissione: { IdTrasmittente: { IdPaese: 'IT', IdCodice: 'ABC123' }, CodiceDestinatario: 'x' },
      },
      FatturaElettronicaBody: [
        {},
        { DatiGenerali: { DatiGeneraliDocumento: { TipoDocumento: 'TD24', Numero: '7', Data: '2026-01-31' } } },
      ],
    }
    expect(factsOf(partial)).toEqual({
      transmitter: 'ITABC123',
      recipientCode: undefined,
      documents: [
        { type: '', number: '', date: '' },
        { type: 'TD24', number: '7', date: '2026-01-31' },
      ],
    })
  })
})

describe('Idempotency-Key', () => {
  it('is 1 to 255 printable ASCII characters', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined()
    expect(idempotencyKeyOf('order-42')).toBe('order-42')
    for (const bad of ['', 'a b', 'x'.repeat(256), 'è']) {
      expect(codeOf(() => idempotencyKeyOf(bad))).toBe('INGEST_ERR_IDEMPOTENCY_KEY_INVALID')
    }
    expect(codeOf(() => idempotencyKeyOf(['a', 'b']))).toBe('INGEST_ERR_IDEMPOTENCY_KEY_INVALID')
  })

  it('binds a fingerprint of what was asked for', () => {
    const a = requestFingerprint(['xml', 'sync'], xml)
    expect(a.equals(requestFingerprint(['xml', 'sync'], Buffer.from(xml)))).toBe(true)
    expect(a.equals(requestFingerprint(['xml', 'async'], xml))).toBe(false)
    expect(a.equals(requestFingerprint(['xml', 'sync'], Buffer.concat([xml, Buffer.from(' ')])))).toBe(false)
  })
})
