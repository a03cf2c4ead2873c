import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseFattura, serializeFattura, type FatturaElettronica } from '../../src/index.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'

function withDescrizione(text: string): FatturaElettronica {
  const model = aFullInvoice()
  const line = model.FatturaElettronicaBody[0]?.DatiBeniServizi.DettaglioLinee[0]
  if (line !== undefined) line.Descrizione = text
  return model
}

function descrizioneOf(xml: string): string | undefined {
  const result = parseFattura(xml)
  return result.ok
    ? result.fattura.FatturaElettronicaBody[0]?.DatiBeniServizi.DettaglioLinee[0]?.Descrizione
    : undefined
}

describe('serializeFattura', () => {
  it('writes the declaration, the qualified root with xmlns:ds, unqualified children, no indentation', () => {
    const xml = serializeFattura(aFullInvoice())
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<p:FatturaElettronica versione="FPR12" SistemaEmittente="VARCO 0.1" ',
      ),
    ).toBe(true)
    expect(xml).toContain('xmlns:ds="http://www.w3.org/2000/09/xmldsig#"')
    expect(xml).toContain(
      'xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"><FatturaElettronicaHeader><DatiTrasmissione>',
    )
    expect(xml.endsWith('</p:FatturaElettronica>')).toBe(true)
    expect(xml.slice(xml.indexOf('\n') + 1)).not.toMatch(/>\s+</)
    expect(serializeFattura(aFullInvoice(), { prefix: 'ns2' })).toContain('<ns2:FatturaElettronica ')
  })

  it('writes elements in schema order whatever the order of the model properties', () => {
    const model = aFullInvoice()
    const { IdTrasmittente, ...rest } = model.FatturaElettronicaHeader.DatiTrasmissione
    model.FatturaElettronicaHeader.DatiTrasmissione = { ...rest, IdTrasmittente }
    expect(serializeFattura(model)).toContain('<DatiTrasmissione><IdTrasmittente>')
  })

  it('escapes markup characters and keeps CR, tab and newline exactly', () => {
    const text = 'a & b < c > d "e" \'f\'\r\n\tg'
    const xml = serializeFattura(withDescrizione(text))
    expect(xml).toContain('<Descrizione>a &amp; b &lt; c &gt; d "e" \'f\'&#xD;\n\tg</Descrizione>')
    expect(descrizioneOf(xml)).toBe(text)
  })

  it('escapes attribute values', () => {
    const model = { ...aFullInvoice(), SistemaEmittente: 'a"&<\t' }
    const xml = serializeFattura(model)
    expect(xml).toContain('SistemaEmittente="a&quot;&amp;&lt;&#x9;"')
    const result = parseFattura(xml)
    expect(result.ok && result.fattura.SistemaEmittente).toBe('a"&<\t')
  })

  it('round-trips any Latin-1 text exactly', () => {
    const latin1 = fc.string({
      unit: fc
        .integer({ min: 0x09, max: 0xff })
        .filter((c) => c === 0x09 || c === 0x0a || c === 0x0d || c >= 0x20)
        .map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 200,
    })
    fc.assert(
      fc.property(latin1, (text) => {
        expect(descrizioneOf(serializeFattura(withDescrizione(text)))).toBe(text)
      }),
      { numRuns: 200 },
    )
  })

  it('throws a coded error for characters XML 1.0 cannot carry, naming the field', () => {
    for (const bad of ['\u0001', '\uFFFE', '\uD800']) {
      const model = aFullInvoice()
      const codice = model.FatturaElettronicaBody[1]?.DatiBeniServizi.DettaglioLinee[0]?.CodiceArticolo?.[1]
      if (codice !== undefined) codice.CodiceValore = `x${bad}`
      expect(() => serializeFattura(model)).toThrow(
        expect.objectContaining({
          code: 'FATTURAPA_ERR_XML_CHARACTER',
          message: expect.stringContaining(
            'FatturaElettronicaBody[1].DatiBeniServizi.DettaglioLinee[0].CodiceArticolo[1].CodiceValore',
          ) as unknown,
        }),
      )
    }
  })

  it('throws a coded error, with the issues, for an invalid model', () => {
    const model = withDescrizione('')
    expect(() => serializeFattura(model)).toThrow(
      expect.objectContaining({
        code: 'FATTURAPA_ERR_INVALID_MODEL',
        issues: [
          expect.objectContaining({ path: 'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[0].Descrizione' }),
        ],
      }),
    )
    expect(serializeFattura(model, { validate: false })).toContain('<Descrizione></Descrizione>')
  })

  it('accepts only a well-formed ds:Signature element as the opaque signature', () => {
    const ds = 'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"'
    for (const xml of [
      '<ds:Signature/>',
      `<ds:Other ${ds}/>`,
      `<ds:Signature ${ds}>`,
      `<ds:Signature ${ds}/><x/>`,
      `</p:FatturaElettronica><ds:Signature ${ds}/>`,
    ]) {
      expect(() => serializeFattura({ ...aFullInvoice(), Signature: { xml } })).toThrow(
        expect.objectContaining({ code: 'FATTURAPA_ERR_INVALID_MODEL' }),
      )
    }
    expect(serializeFattura({ ...aFullInvoice(), Signature: { xml: `<ds:Signature ${ds}/>` } })).toContain(
      `<ds:Signature ${ds}/></p:FatturaElettronica>`,
    )
  })
})
