import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FatturaIssueCode as Code, validateFattura, type FatturaElettronica } from '../../src/index.ts'
import { transliterate } from '../../src/xml/transliterate.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'

const DENOMINAZIONE = 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica.Denominazione'
const LINE = 'FatturaElettronicaBody[1].DatiBeniServizi.DettaglioLinee[2]'

/** A fresh full invoice without shared sub-objects (the fixture reuses one address object in several places). */
function fullInvoice(): FatturaElettronica {
  return JSON.parse(JSON.stringify(aFullInvoice())) as FatturaElettronica
}

function withDenominazione(text: string): FatturaElettronica {
  const model = fullInvoice()
  model.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica = { Denominazione: text }
  return model
}

function denominazioneAfter(text: string): string {
  const { value } = transliterate(withDenominazione(text))
  const anagrafica = value.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica
  return 'Denominazione' in anagrafica ? anagrafica.Denominazione : ''
}

// Latin-1, the characters of the table and around them, other scripts, and beyond the BMP.
const CHARACTERS = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0xff }),
    fc.constantFrom(0x2018, 0x201d, 0x2013, 0x2026, 0x20ac, 0x2009, 0x200b, 0x2022, 0x2122, 0x153, 0x161, 0x142),
    fc.integer({ min: 0x100, max: 0x3000 }),
    fc.integer({ min: 0x1f600, max: 0x1f64f }),
  )
  .map((code) => String.fromCodePoint(code))

describe('transliterate: opt-in Latin-1 repair of JSON input', () => {
  it.each([
    ['typographic quotes', 'L‘A’ ‚x‛ “B” „C‟', `L'A' 'x' "B" "C"`],
    ['dashes and minus', 'a–b—c‐d−e', 'a-b-c-d-e'],
    ['ellipsis', 'ecc…', 'ecc...'],
    ['euro', '€ 10', 'EUR 10'],
    ['spaces', 'a\u2009b\u202Fc\u2007d\u3000e', 'a b c d e'],
    ['invisible characters', 'a\u200Bb\uFEFFc', 'abc'],
    ['bullet and trademark', '• Marca™', '- MarcaTM'],
    ['ligatures', 'Œuvre cœur', 'OEuvre coeur'],
    ['letters with diacritics outside Latin-1', 'Škoda Žilina čć ő ř ş Ÿ', 'Skoda Zilina cc o r s Y'],
    ['letters that do not decompose (ó is Latin-1)', 'Łódź Đakovo', 'Lódz Dakovo'],
  ])('%s', (_name, before, after) => {
    expect(denominazioneAfter(before)).toBe(after)
  })

  it('leaves Latin-1 text alone, including its no-break space and accents', () => {
    const text = 'CAFFÈ «ÀÉÎÕÜ» 100\u00A0% ©'
    expect(transliterate(withDenominazione(text)).changes).toEqual([])
  })

  it('leaves what it has no equivalent for, so that validation reports it', () => {
    const model = withDenominazione('Ω 😀 ‰ →')
    const { value, changes } = transliterate(model)
    expect(changes).toEqual([])
    expect(validateFattura(value)).toEqual([
      expect.objectContaining({ code: Code.valueCharacter, path: DENOMINAZIONE }),
    ])
  })

  it('returns the changed paths with before and after, in document order', () => {
    const model = fullInvoice()
    const line = model.FatturaElettronicaBody[1]?.DatiBeniServizi.DettaglioLinee[2]
    if (line !== undefined) line.Descrizione = 'Bollo – “virtuale”'
    const causali = model.FatturaElettronicaBody[0]?.DatiGenerali.DatiGeneraliDocumento.Causale
    if (causali !== undefined) causali[1] = 'l’ordine'
    model.FatturaElettronicaHeader.CedentePrestatore.Sede.Indirizzo = 'VIA ŠTEFANA 1'
    expect(transliterate(model).changes).toEqual([
      {
        path: 'FatturaElettronicaHeader.CedentePrestatore.Sede.Indirizzo',
        before: 'VIA ŠTEFANA 1',
        after: 'VIA STEFANA 1',
      },
      {
        path: 'FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.Causale[1]',
        before: 'l’ordine',
        after: "l'ordine",
      },
      { path: `${LINE}.Descrizione`, before: 'Bollo – “virtuale”', after: 'Bollo - "virtuale"' },
    ])
  })

  it('repairs ASCII-only types too, where a no-break space is also refused', () => {
    const model = fullInvoice()
    const documento = model.FatturaElettronicaBody[0]?.DatiGenerali.DatiGeneraliDocumento
    if (documento !== undefined) documento.Numero = '2025\u00A0–\u00A01'
    const { value, changes } = transliterate(model)
    expect(changes.map((change) => change.after)).toEqual(['2025 - 1'])
    expect(validateFattura(value)).toEqual([])
    // An accented letter is Latin-1: not refused by its characters' block elsewhere, left for validation here.
    if (documento !== undefined) documento.Numero = 'N° 1'
    expect(transliterate(model).changes).toEqual([])
  })

  it('does not touch types that accept any character, nor the opaque signature', () => {
    const model = fullInvoice()
    const codice = model.FatturaElettronicaBody[0]?.DatiBeniServizi.DettaglioLinee[0]?.CodiceArticolo?.[1]
    if (codice !== undefined) codice.CodiceValore = '€ – “x”'
    model.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.IdFiscaleIVA.IdCodice = 'Ł1'
    model.Signature = { xml: '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">“</ds:Signature>' }
    expect(transliterate(model).changes).toEqual([])
  })

  it('is pure: the input is not modified and unchanged blocks are shared', () => {
    const model = withDenominazione('“A”')
    const snapshot = structuredClone(model)
    const { value } = transliterate(model)
    expect(model).toEqual(snapshot)
    expect(value).not.toBe(model)
    expect(value.FatturaElettronicaBody).toBe(model.FatturaElettronicaBody)
    expect(transliterate(snapshot).value).toEqual(value)
    const untouched = fullInvoice()
    expect(transliterate(untouched).value).toBe(untouched)
  })

  it('accepts any JSON value without throwing, skipping what the model does not declare', () => {
    for (const value of [null, 1, 'x', [], {}, { FatturaElettronicaHeader: 'x', Extra: '“' }]) {
      expect(transliterate(value)).toEqual({ value, changes: [] })
    }
  })

  it('never makes a Latin-1 string invalid, and only changes what is outside the block', () => {
    fc.assert(
      fc.property(fc.string({ unit: CHARACTERS, minLength: 1, maxLength: 30 }), (text) => {
        const { changes } = transliterate(withDenominazione(text))
        const after = changes[0]?.after ?? text
        // Whatever is still outside Latin-1 was already in the input (left to be reported), nothing new.
        const introduced = Array.from(after).filter((char) => (char.codePointAt(0) ?? 0) > 0xff && !text.includes(char))
        expect(introduced).toEqual([])
        if (!/[\u0100-\u{10FFFF}]/u.test(text)) expect(changes).toEqual([])
      }),
      { numRuns: 300, seed: 42 },
    )
  })
})
