import { describe, expect, it } from 'vitest'
import { FatturaIssueCode as Code, parseFattura, validateFattura, type FatturaElettronica } from '../../src/index.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'
import { edit, sampleText } from '../helpers.ts'

const DOC = 'FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento'
const LINE = 'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[0]'

function issuesAfter(search: string, replacement: string) {
  const result = parseFattura(edit(sampleText(), search, replacement))
  return result.issues.map(({ code, path }) => ({ code, path }))
}

describe('value checks (compiled validator), with exact paths', () => {
  it.each([
    ['22', Code.valuePattern],
    ['22.0', Code.valuePattern],
    ['22.000', Code.valuePattern],
    ['22,00', Code.valuePattern],
    ['100.01', Code.valuePattern],
    ['-1.00', Code.valuePattern],
  ])('rejects the rate %s', (rate, code) => {
    expect(
      issuesAfter(
        '<AliquotaIVA>22.00</AliquotaIVA>\n      </DettaglioLinee>',
        `<AliquotaIVA>${rate}</AliquotaIVA></DettaglioLinee>`,
      ),
    ).toEqual([{ code, path: `${LINE}.AliquotaIVA` }])
  })

  it('accepts 0.22 and 100.00 as rates: "rate not a percentage" is SdI content rule 00424, not structure', () => {
    for (const rate of ['0.22', '100.00', '099.50', ' 22.00 ']) {
      expect(
        issuesAfter(
          '<AliquotaIVA>22.00</AliquotaIVA>\n      </DettaglioLinee>',
          `<AliquotaIVA>${rate}</AliquotaIVA></DettaglioLinee>`,
        ),
      ).toEqual([])
    }
  })

  it('requires exactly two decimals for amounts', () => {
    expect(
      issuesAfter('<ImportoPagamento>6.10</ImportoPagamento>', '<ImportoPagamento>6.1</ImportoPagamento>'),
    ).toEqual([
      {
        code: Code.valuePattern,
        path: 'FatturaElettronicaBody[0].DatiPagamento[0].DettaglioPagamento[0].ImportoPagamento',
      },
    ])
  })

  it('rejects a value outside its enumeration', () => {
    expect(issuesAfter('<TipoDocumento>TD01</TipoDocumento>', '<TipoDocumento>TD99</TipoDocumento>')).toEqual([
      { code: Code.valueEnum, path: `${DOC}.TipoDocumento` },
    ])
  })

  it('accepts TD29 and RF20, new in 1.2.3', () => {
    expect(issuesAfter('<TipoDocumento>TD01</TipoDocumento>', '<TipoDocumento>TD29</TipoDocumento>')).toEqual([])
    expect(issuesAfter('<RegimeFiscale>RF19</RegimeFiscale>', '<RegimeFiscale>RF20</RegimeFiscale>')).toEqual([])
  })

  it('rejects too long strings and characters outside Latin-1', () => {
    const path = 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica.Denominazione'
    expect(issuesAfter('ALPHA SRL', 'A'.repeat(81))).toEqual([{ code: Code.valueLength, path }])
    expect(issuesAfter('ALPHA SRL', 'À'.repeat(80))).toEqual([])
    expect(issuesAfter('ALPHA SRL', 'ALPHA € SRL')).toEqual([{ code: Code.valueCharacter, path }])
    expect(issuesAfter('<Numero>123</Numero>', '<Numero>è</Numero>')).toEqual([
      { code: Code.valueCharacter, path: `${DOC}.Numero` },
    ])
    expect(issuesAfter('<Numero>123</Numero>', '<Numero></Numero>')).toEqual([
      { code: Code.valueLength, path: `${DOC}.Numero` },
    ])
  })

  it('checks integers, dates and their ranges', () => {
    expect(issuesAfter('<NumeroLinea>1</NumeroLinea>', '<NumeroLinea>0</NumeroLinea>')).toEqual([
      { code: Code.valueRange, path: `${LINE}.NumeroLinea` },
    ])
    expect(issuesAfter('<NumeroLinea>1</NumeroLinea>', '<NumeroLinea>uno</NumeroLinea>')).toEqual([
      { code: Code.valueType, path: `${LINE}.NumeroLinea` },
    ])
    expect(issuesAfter('<Data>2017-01-18</Data>', '<Data>2023-02-29</Data>')).toEqual([
      { code: Code.valueFormat, path: `${DOC}.Data` },
    ])
    expect(issuesAfter('<Data>2017-01-18</Data>', '<Data>1969-12-31</Data>')).toEqual([
      { code: Code.valuePattern, path: `${DOC}.Data` },
    ])
    expect(issuesAfter('<Data>2017-01-18</Data>', '<Data>18/01/2017</Data>')).toEqual([
      { code: Code.valuePattern, path: `${DOC}.Data` },
    ])
  })

  it('reads integers as numbers and every other value as the exact string', () => {
    const result = parseFattura(edit(sampleText(), '<NumeroLinea>1</NumeroLinea>', '<NumeroLinea> +001 </NumeroLinea>'))
    expect(result.ok && result.fattura.FatturaElettronicaBody[0]?.DatiBeniServizi.DettaglioLinee[0]?.NumeroLinea).toBe(
      1,
    )
  })
})

describe('validateFattura on a model built in code', () => {
  it('accepts a valid model', () => {
    expect(validateFattura(aFullInvoice())).toEqual([])
  })

  it('names missing and unknown properties, and bad values, by path', () => {
    const model = aFullInvoice() as FatturaElettronica & Record<string, unknown>
    const header = model.FatturaElettronicaHeader.DatiTrasmissione as unknown as Record<string, unknown>
    delete header.ProgressivoInvio
    header.Extra = 'x'
    const body = model.FatturaElettronicaBody[1]
    if (body !== undefined) body.DatiGenerali.DatiGeneraliDocumento.ImportoTotaleDocumento = '10'
    expect(validateFattura(model).map(({ code, path }) => ({ code, path }))).toEqual([
      { code: Code.missingElement, path: 'FatturaElettronicaHeader.DatiTrasmissione.ProgressivoInvio' },
      { code: Code.unexpectedElement, path: 'FatturaElettronicaHeader.DatiTrasmissione.Extra' },
      {
        code: Code.valuePattern,
        path: 'FatturaElettronicaBody[1].DatiGenerali.DatiGeneraliDocumento.ImportoTotaleDocumento',
      },
    ])
  })

  it('reports the choice errors of the member the value was meant to be', () => {
    const model = aFullInvoice()
    model.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica = { Denominazione: 'X'.repeat(81) }
    expect(validateFattura(model).map(({ code, path }) => ({ code, path }))).toEqual([
      {
        code: Code.valueLength,
        path: 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica.Denominazione',
      },
    ])
  })

  it('rejects numbers where the model keeps decimal strings', () => {
    const model = aFullInvoice() as unknown as {
      FatturaElettronicaBody: { DatiBeniServizi: { DatiRiepilogo: { Imposta: unknown }[] } }[]
    }
    const riepilogo = model.FatturaElettronicaBody[0]?.DatiBeniServizi.DatiRiepilogo[0]
    if (riepilogo !== undefined) riepilogo.Imposta = 40.26
    expect(validateFattura(model)).toEqual([
      expect.objectContaining({
        code: Code.valueType,
        path: 'FatturaElettronicaBody[0].DatiBeniServizi.DatiRiepilogo[0].Imposta',
      }),
    ])
  })
})
