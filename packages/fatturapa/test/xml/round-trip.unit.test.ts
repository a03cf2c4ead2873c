import { describe, expect, it } from 'vitest'
import { FatturaIssueCode, parseFattura, serializeFattura, type FatturaElettronica } from '../../src/index.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'
import { INVALID_SAMPLE, INVOICE_SAMPLES, readSample } from '../helpers.ts'

function parsedModel(xml: Buffer | string): FatturaElettronica {
  const result = parseFattura(xml)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.fattura
}

describe('round trip parse → serialize → parse', () => {
  it.each(INVOICE_SAMPLES.filter((name) => name !== INVALID_SAMPLE))('%s survives with a deep-equal model', (name) => {
    const model = parsedModel(readSample(name))
    const xml = serializeFattura(model)
    expect(parsedModel(xml)).toStrictEqual(model)
    // Serializing is deterministic and stable.
    expect(serializeFattura(parsedModel(xml))).toBe(xml)
  })

  it('reads the invalid 1.2.2 FPR02 sample, reports the order error, and its model round-trips', () => {
    const result = parseFattura(readSample(INVALID_SAMPLE))
    expect(result.ok).toBe(false)
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: FatturaIssueCode.elementOrder,
        path: 'FatturaElettronicaHeader.DatiTrasmissione.ContattiTrasmittente',
      }),
    ])
    const partial = (result.ok ? undefined : result.partial) as FatturaElettronica
    // The misplaced element is kept; serializing writes it back in schema order, so the output is valid.
    expect(partial.FatturaElettronicaHeader.DatiTrasmissione.ContattiTrasmittente).toBeDefined()
    expect(parsedModel(serializeFattura(partial))).toStrictEqual(partial)
  })

  it('keeps decimals exactly as written (strings, never numbers)', () => {
    const model = parsedModel(readSample('IT01234567890_FPA01.xml'))
    const line = model.FatturaElettronicaBody[0]?.DatiBeniServizi.DettaglioLinee[0]
    expect(line?.AliquotaIVA).toBe('22.00')
    expect(line?.PrezzoUnitario).toMatch(/^\d+\.\d{2,8}$/)
    expect(serializeFattura(model)).toContain('<AliquotaIVA>22.00</AliquotaIVA>')
  })

  it('round-trips a two-body invoice that uses every element of the schema', () => {
    const model = aFullInvoice()
    const xml = serializeFattura(model)
    expect(parsedModel(xml)).toStrictEqual(model)
  })

  it('round-trips the ds:Signature as opaque XML', () => {
    const signature =
      '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="sig-1"><ds:SignedInfo>' +
      '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>' +
      '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>' +
      '<ds:Reference URI=""><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>' +
      '<ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>' +
      '<ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>'
    const model: FatturaElettronica = { ...aFullInvoice(), Signature: { xml: signature } }
    const xml = serializeFattura(model)
    expect(xml).toContain(signature)
    expect(parsedModel(xml)).toStrictEqual(model)
  })

  it('keeps a signature whose prefix is declared on the root self-contained', () => {
    const xml = readSample('IT01234567890_FPA01.xml')
      .toString('utf8')
      .replace(
        '</p:FatturaElettronica>',
        '<ds:Signature><ds:SignatureValue>AA&amp;</ds:SignatureValue></ds:Signature></p:FatturaElettronica>',
      )
    const model = parsedModel(xml)
    expect(model.Signature?.xml).toMatch(/^<ds:Signature xmlns:ds="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#"/)
    expect(model.Signature?.xml).toContain('<ds:SignatureValue>AA&amp;</ds:SignatureValue>')
    expect(parsedModel(serializeFattura(model))).toStrictEqual(model)
  })
})
