import { afterAll, describe, expect, it } from 'vitest'
import { createXsdValidator, parseFattura, serializeFattura, type FatturaElettronica } from '../../src/index.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'
import { INVALID_SAMPLE, INVOICE_SAMPLES, readSample, XSD_DIR } from '../helpers.ts'

const xsd = createXsdValidator(XSD_DIR)
afterAll(() => xsd.dispose())

function modelOf(xml: Buffer | string): FatturaElettronica {
  const result = parseFattura(xml)
  return (result.ok ? result.fattura : result.partial) as FatturaElettronica
}

describe('serialized output against the official XSD (libxml2)', () => {
  it.each(INVOICE_SAMPLES)('accepts the serialization of %s', (name) => {
    expect(xsd.validate(serializeFattura(modelOf(readSample(name))))).toEqual({ valid: true, problems: [] })
  })

  it('accepts the serialization of an invoice using every element, with a ds:Signature', () => {
    const signature =
      '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>' +
      '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>' +
      '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>' +
      '<ds:Reference URI=""><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>' +
      '<ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>' +
      '<ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>'
    const xml = serializeFattura({ ...aFullInvoice(), Signature: { xml: signature } })
    expect(xsd.validate(xml)).toEqual({ valid: true, problems: [] })
  })

  it('agrees with our parser on the original samples', () => {
    for (const name of INVOICE_SAMPLES) {
      const bytes = readSample(name)
      expect({ name, valid: xsd.validate(bytes).valid }).toEqual({ name, valid: parseFattura(bytes).ok })
      expect({ name, valid: parseFattura(bytes).ok }).toEqual({ name, valid: name !== INVALID_SAMPLE })
    }
  })

  it('reports problems with their line', () => {
    const result = xsd.validate(readSample(INVALID_SAMPLE))
    expect(result.valid).toBe(false)
    expect(result.problems[0]).toMatchObject({
      message: expect.stringContaining('ContattiTrasmittente') as unknown,
      line: 16,
    })
  })

  it('refuses a DOCTYPE and never expands entities', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'
    expect(xsd.validate(xml).valid).toBe(false)
  })

  it('fails clearly when the directory does not hold the schemas', () => {
    expect(() => createXsdValidator('/nonexistent-xsd-dir')).toThrow(
      expect.objectContaining({ code: 'FATTURAPA_ERR_XSD_LOAD' }),
    )
  })
})
