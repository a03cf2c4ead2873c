import { describe, expect, it } from 'vitest'
import {
  FatturaIssueCode as Code,
  parseFattura,
  validateFattura,
  type FatturaElettronica,
  type FatturaIssue,
} from '../../src/index.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'
import { edit, sampleText } from '../helpers.ts'

/* Every issue carries its message in Italian and English, saying what is wrong with this file in particular. */

const DOC = 'FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento'
const LINE_END = '<AliquotaIVA>22.00</AliquotaIVA>\n      </DettaglioLinee>'
const ROOT = '<p:FatturaElettronica versione="FPA12"'

function issueAfter(search: string, replacement: string): FatturaIssue | undefined {
  const result = parseFattura(edit(sampleText(), search, replacement))
  expect(result.ok).toBe(false)
  return result.issues[0]
}

describe('bilingual issue messages', () => {
  it.each([
    [
      'order',
      '<Data>2017-01-18</Data>\n        <Numero>123</Numero>',
      '<Numero>123</Numero><Data>2017-01-18</Data>',
      {
        it: "L'elemento Data è fuori posto: deve precedere Numero",
        en: 'Element Data is out of order: expected before Numero',
      },
    ],
    [
      'missing',
      '<Divisa>EUR</Divisa>',
      '',
      { it: "L'elemento Divisa è obbligatorio", en: 'Element Divisa is required' },
    ],
    [
      'unknown',
      '<Divisa>EUR</Divisa>',
      '<Divisa>EUR</Divisa><Valuta>EUR</Valuta>',
      {
        it: "L'elemento Valuta non è ammesso in DatiGeneraliDocumento",
        en: 'Element Valuta is not allowed in DatiGeneraliDocumento',
      },
    ],
    [
      'too many',
      '<Divisa>EUR</Divisa>',
      '<Divisa>EUR</Divisa><Divisa>EUR</Divisa>',
      { it: "L'elemento Divisa può comparire una sola volta", en: 'Element Divisa may appear at most once' },
    ],
    [
      'inside a value',
      '<Numero>123</Numero>',
      '<Numero>1<b/></Numero>',
      {
        it: "L'elemento b non è ammesso dentro Numero, che contiene un valore",
        en: 'Element b is not allowed inside Numero, which holds a value',
      },
    ],
    [
      'text',
      '<DatiGenerali>',
      '<DatiGenerali>testo',
      {
        it: 'Testo non ammesso direttamente dentro DatiGenerali',
        en: 'Text is not allowed directly inside DatiGenerali',
      },
    ],
    [
      'attribute',
      ROOT,
      `${ROOT} foo="1"`,
      {
        it: "L'attributo foo non è ammesso su FatturaElettronica",
        en: 'Attribute foo is not allowed on FatturaElettronica',
      },
    ],
    [
      'choice',
      '<Denominazione>ALPHA SRL</Denominazione>',
      '<Denominazione>ALPHA SRL</Denominazione><Nome>A</Nome>',
      { it: 'Nome non può comparire insieme a Denominazione', en: 'Nome cannot appear together with Denominazione' },
    ],
  ])('structure: %s', (_name, search, replacement, message) => {
    expect(issueAfter(search, replacement)?.message).toEqual(message)
  })

  it.each([
    [
      'a rate without decimals',
      LINE_END,
      '<AliquotaIVA>22</AliquotaIVA></DettaglioLinee>',
      {
        it: "Il valore '22' di AliquotaIVA non rispetta il formato: servono due decimali (es. 22.00), al massimo 100.00",
        en: "The value '22' of AliquotaIVA does not match the format: two decimals are required (e.g. 22.00), at most 100.00",
      },
    ],
    [
      'an amount with one decimal',
      '<ImportoPagamento>6.10</ImportoPagamento>',
      '<ImportoPagamento>6.1</ImportoPagamento>',
      {
        it: "Il valore '6.1' di ImportoPagamento non rispetta il formato: servono da 1 a 11 cifre intere e due decimali separati dal punto (es. 1234.50)",
        en: "The value '6.1' of ImportoPagamento does not match the format: 1 to 11 integer digits and two decimals after a point are required (e.g. 1234.50)",
      },
    ],
    [
      'a code outside its list',
      '<TipoDocumento>TD01</TipoDocumento>',
      '<TipoDocumento>TD99</TipoDocumento>',
      {
        it: expect.stringMatching(
          /^Il valore 'TD99' di TipoDocumento non è tra i codici ammessi: TD01, TD02, .*TD29$/,
        ) as unknown,
        en: expect.stringMatching(
          /^The value 'TD99' of TipoDocumento is not one of the allowed codes: TD01, .*TD29$/,
        ) as unknown,
      },
    ],
    [
      'an empty string',
      '<Numero>123</Numero>',
      '<Numero></Numero>',
      { it: 'Numero è vuoto: serve almeno 1 carattere', en: 'Numero is empty: at least 1 character is required' },
    ],
    [
      'a date that does not exist',
      '<Data>2017-01-18</Data>',
      '<Data>2023-02-29</Data>',
      {
        it: "Il valore '2023-02-29' di Data non è una data esistente",
        en: "The value '2023-02-29' of Data is not a date that exists",
      },
    ],
    [
      'a date in another format',
      '<Data>2017-01-18</Data>',
      '<Data>18/01/2017</Data>',
      {
        it: "Il valore '18/01/2017' di Data non rispetta il formato: serve una data AAAA-MM-GG non anteriore al 1970-01-01 (es. 2025-01-31)",
        en: "The value '18/01/2017' of Data does not match the format: a date YYYY-MM-DD not before 1970-01-01 is required (e.g. 2025-01-31)",
      },
    ],
    [
      'a line number of 0',
      '<NumeroLinea>1</NumeroLinea>',
      '<NumeroLinea>0</NumeroLinea>',
      {
        it: 'Il valore 0 di NumeroLinea è fuori intervallo: il minimo è 1',
        en: 'The value 0 of NumeroLinea is out of range: the minimum is 1',
      },
    ],
    [
      'a line number in words',
      '<NumeroLinea>1</NumeroLinea>',
      '<NumeroLinea>uno</NumeroLinea>',
      {
        it: "Il valore 'uno' di NumeroLinea non è un numero intero",
        en: "The value 'uno' of NumeroLinea is not an integer",
      },
    ],
  ])('values: %s', (_name, search, replacement, message) => {
    expect(issueAfter(search, replacement)?.message).toEqual(message)
  })

  it('shortens long values in messages', () => {
    const issue = issueAfter('<Numero>123</Numero>', `<Numero>${'9'.repeat(50)}</Numero>`)
    expect(issue?.message.it).toBe(`Il valore '${'9'.repeat(40)}…' di Numero è lungo 50 caratteri: al massimo 20`)
    expect(issue?.message.en).toBe(
      `The value '${'9'.repeat(40)}…' of Numero is 50 characters long: at most 20 are allowed`,
    )
  })

  it('translates well-formedness errors, keeping the parser detail in English', () => {
    const result = parseFattura(edit(sampleText(), '</Numero>', '</Numer>'))
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: Code.xmlMalformed,
        message: {
          it: "XML non ben formato: tag di chiusura che non corrisponde all'elemento aperto",
          en: 'Malformed XML: unexpected close tag.',
        },
      }),
    ])
    expect(parseFattura('<p:FatturaElettronica').issues[0]?.message.it).toMatch(/^XML non ben formato/)
    expect(parseFattura(sampleText().slice(0, 500)).issues[0]?.message).toEqual({
      it: expect.stringMatching(/^XML non ben formato: il tag \S+ non è chiuso$/) as unknown,
      en: expect.stringMatching(/^Malformed XML: unclosed tag: /) as unknown,
    })
  })

  it('says why a file cannot be read at all', () => {
    expect(parseFattura('<?xml version="1.0"?><!DOCTYPE x><x/>').issues[0]?.message).toEqual({
      it: 'Una dichiarazione DOCTYPE non è ammessa in un file FatturaPA',
      en: 'A DOCTYPE is not allowed in a FatturaPA file',
    })
    expect(parseFattura(sampleText(), { maxBytes: 100 }).issues[0]?.message).toEqual({
      it: `Il file è di ${sampleText().length} byte: il limite è 100`,
      en: `The file is ${sampleText().length} bytes; the limit is 100`,
    })
    expect(parseFattura('<FatturaElettronica/>').issues[0]?.message.it).toMatch(
      /^L'elemento radice è FatturaElettronica, non FatturaElettronica nel namespace http/,
    )
  })

  it('gives both languages for every code a broken file can produce', () => {
    const inputs = [
      edit(sampleText(), '<DatiGenerali>', `<DatiGenerali>${'<X/>'.repeat(5)}`),
      edit(sampleText(), ROOT, '<p:FatturaElettronica'),
      sampleText()
        .replaceAll('<DatiTrasmissione>', '<p:DatiTrasmissione>')
        .replaceAll('</DatiTrasmissione>', '</p:DatiTrasmissione>'),
      Buffer.from([0xfe, 0xff, 0xd8, 0x00]),
      '<a>'.repeat(100),
    ]
    for (const input of inputs) {
      for (const issue of parseFattura(input, { maxIssues: 3 }).issues) {
        expect(issue.message.it.length).toBeGreaterThan(10)
        expect(issue.message.en.length).toBeGreaterThan(10)
        expect(issue.message.it).not.toBe(issue.message.en)
      }
    }
  })
})

describe('characters outside the allowed block', () => {
  const DENOMINAZIONE = 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica.Denominazione'

  it('names the character, its code point and position, with the path', () => {
    expect(issueAfter('ALPHA SRL', 'ALPHA € SRL')).toEqual({
      code: Code.valueCharacter,
      path: DENOMINAZIONE,
      message: {
        it: "Carattere '€' (U+20AC) non ammesso in Denominazione (posizione 7): si accettano solo caratteri Latin-1 (ISO-8859-1)",
        en: "Character '€' (U+20AC) is not allowed in Denominazione (position 7): only Latin-1 (ISO-8859-1) characters are accepted",
      },
    })
  })

  it('counts characters outside the BMP as one, and shows invisible ones by code point only', () => {
    expect(issueAfter('ALPHA SRL', 'A😀B\u200BC')?.message.en).toBe(
      "Character '😀' (U+1F600) is not allowed in Denominazione (position 2): only Latin-1 (ISO-8859-1) characters are accepted",
    )
    expect(issueAfter('ALPHA SRL', 'AB\u200BC')?.message.it).toBe(
      'Carattere U+200B non ammesso in Denominazione (posizione 3): si accettano solo caratteri Latin-1 (ISO-8859-1)',
    )
  })

  it('says ASCII for the Basic Latin types', () => {
    expect(issueAfter('<Numero>123</Numero>', '<Numero>12è</Numero>')).toEqual({
      code: Code.valueCharacter,
      path: `${DOC}.Numero`,
      message: {
        it: "Carattere 'è' (U+00E8) non ammesso in Numero (posizione 3): si accettano solo caratteri ASCII (U+0000-U+007F)",
        en: "Character 'è' (U+00E8) is not allowed in Numero (position 3): only ASCII characters (U+0000-U+007F) are accepted",
      },
    })
  })

  it('reports a length problem before a character problem, as one issue', () => {
    expect(issueAfter('ALPHA SRL', '€'.repeat(81))?.code).toBe(Code.valueLength)
  })
})

describe('messages for a model received as JSON', () => {
  it('explains numbers given for decimal strings, and unknown properties', () => {
    const model = aFullInvoice() as unknown as {
      FatturaElettronicaHeader: { DatiTrasmissione: Record<string, unknown> }
      FatturaElettronicaBody: { DatiBeniServizi: { DatiRiepilogo: { Imposta: unknown }[] } }[]
    }
    const riepilogo = model.FatturaElettronicaBody[0]?.DatiBeniServizi.DatiRiepilogo[0]
    if (riepilogo !== undefined) riepilogo.Imposta = 40.26
    model.FatturaElettronicaHeader.DatiTrasmissione.Extra = 'x'
    expect(validateFattura(model as unknown as FatturaElettronica).map((issue) => issue.message)).toEqual([
      {
        it: "L'elemento Extra non è ammesso in DatiTrasmissione",
        en: 'Element Extra is not allowed in DatiTrasmissione',
      },
      {
        it: 'Imposta deve essere un testo, non il numero 40.26: in FatturaPA anche importi e codici sono testo',
        en: 'Imposta must be a string, not the number 40.26: in FatturaPA amounts and codes are text too',
      },
    ])
  })

  it('reports every value issue, not only the first eight', () => {
    const model = aFullInvoice()
    for (const body of model.FatturaElettronicaBody) {
      for (const line of body.DatiBeniServizi.DettaglioLinee) line.AliquotaIVA = '22'
    }
    expect(validateFattura(model)).toHaveLength(6)
  })
})
