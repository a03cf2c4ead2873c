import { describe, expect, it } from 'vitest'
import { FatturaIssueCode as Code, parseFattura, type FatturaElettronica } from '../../src/index.ts'
import { edit, sampleText } from '../helpers.ts'

const LINE_BLOCK = /<DettaglioLinee>[\s\S]*?<\/DettaglioLinee>/

/** The FPA01 sample with `count` invoice lines (NumeroLinea 1..count), so paths with an index can be tested. */
function withLines(count: number): string {
  const xml = sampleText()
  const line = LINE_BLOCK.exec(xml)?.[0] ?? ''
  const lines = Array.from({ length: count }, (_, i) => line.replace('<NumeroLinea>1<', `<NumeroLinea>${i + 1}<`))
  return xml.replace(line, lines.join('\n'))
}

/** Applies `change` to the text of line `index` (0-based) only. */
function editLine(xml: string, index: number, change: (line: string) => string): string {
  const marker = `<NumeroLinea>${index + 1}</NumeroLinea>`
  const start = xml.lastIndexOf('<DettaglioLinee>', xml.indexOf(marker))
  const end = xml.indexOf('</DettaglioLinee>', start) + '</DettaglioLinee>'.length
  return xml.slice(0, start) + change(xml.slice(start, end)) + xml.slice(end)
}

function issuesOf(xml: string) {
  const result = parseFattura(xml)
  expect(result.ok).toBe(false)
  return result.issues.map(({ code, path }) => ({ code, path }))
}

const DOC = 'FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento'
const LINES = 'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee'

describe('structural errors, with exact paths', () => {
  it('accepts the edited sample itself', () => {
    expect(parseFattura(withLines(5)).ok).toBe(true)
  })

  it('reports a missing required element', () => {
    expect(issuesOf(edit(sampleText(), '<Divisa>EUR</Divisa>', ''))).toEqual([
      { code: Code.missingElement, path: `${DOC}.Divisa` },
    ])
  })

  it('reports a missing element inside the fourth line', () => {
    const xml = editLine(withLines(5), 3, (line) => line.replace('<AliquotaIVA>22.00</AliquotaIVA>', ''))
    expect(issuesOf(xml)).toEqual([{ code: Code.missingElement, path: `${LINES}[3].AliquotaIVA` }])
  })

  it('reports an element out of order, keeps its value, and does not also call it missing', () => {
    const xml = edit(
      sampleText(),
      '<Data>2017-01-18</Data>\n        <Numero>123</Numero>',
      '<Numero>123</Numero><Data>2017-01-18</Data>',
    )
    const result = parseFattura(xml)
    expect(issuesOf(xml)).toEqual([{ code: Code.elementOrder, path: `${DOC}.Data` }])
    expect(result.issues[0]?.message).toEqual({
      it: "L'elemento Data è fuori posto: deve precedere Numero",
      en: 'Element Data is out of order: expected before Numero',
    })
    const partial = (result.ok ? undefined : result.partial) as FatturaElettronica
    expect(partial.FatturaElettronicaBody[0]?.DatiGenerali.DatiGeneraliDocumento.Data).toBe('2017-01-18')
  })

  it('reports an unknown element with its path, and the line and column where it starts', () => {
    const xml = editLine(withLines(5), 3, (line) => line.replace('</Descrizione>', '</Descrizione><Sconto>1</Sconto>'))
    expect(issuesOf(xml)).toEqual([{ code: Code.unexpectedElement, path: `${LINES}[3].Sconto` }])
    const [issue] = parseFattura(xml).issues
    expect(issue?.line).toBeGreaterThan(100)
    expect(issue?.column).toBeGreaterThan(1)
  })

  it('reports too many occurrences of a single element', () => {
    const xml = edit(sampleText(), '<Divisa>EUR</Divisa>', '<Divisa>EUR</Divisa><Divisa>USD</Divisa>')
    expect(issuesOf(xml)).toEqual([{ code: Code.tooManyOccurrences, path: `${DOC}.Divisa` }])
  })

  it('reports a second header', () => {
    const xml = edit(
      sampleText(),
      '</FatturaElettronicaHeader>',
      '</FatturaElettronicaHeader><FatturaElettronicaHeader/>',
    )
    expect(issuesOf(xml)).toEqual([{ code: Code.tooManyOccurrences, path: 'FatturaElettronicaHeader' }])
  })

  it('reports text where only elements are allowed', () => {
    const xml = edit(sampleText(), '<DatiGenerali>', '<DatiGenerali>stray text')
    expect(issuesOf(xml)).toEqual([{ code: Code.textNotAllowed, path: 'FatturaElettronicaBody[0].DatiGenerali' }])
  })

  it('reports an element inside a value', () => {
    const xml = edit(sampleText(), '<Numero>123</Numero>', '<Numero>123<b>x</b></Numero>')
    expect(issuesOf(xml)).toEqual([{ code: Code.unexpectedElement, path: `${DOC}.Numero.b` }])
  })

  it('enforces the Denominazione | Nome + Cognome choice', () => {
    const anagrafica = '<Denominazione>ALPHA SRL</Denominazione>'
    const path = 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica'
    expect(issuesOf(edit(sampleText(), anagrafica, `${anagrafica}<Nome>A</Nome>`))).toEqual([
      { code: Code.unexpectedElement, path: `${path}.Nome` },
    ])
    expect(issuesOf(edit(sampleText(), anagrafica, ''))).toEqual([
      { code: Code.missingElement, path: `${path}.Denominazione` },
    ])
    expect(parseFattura(edit(sampleText(), anagrafica, '')).issues[0]?.message).toEqual({
      it: 'È obbligatorio indicare Denominazione oppure Nome + Cognome',
      en: 'Denominazione or Nome + Cognome is required',
    })
    expect(issuesOf(edit(sampleText(), anagrafica, '<Nome>A</Nome>'))).toEqual([
      { code: Code.missingElement, path: `${path}.Cognome` },
    ])
    expect(parseFattura(edit(sampleText(), anagrafica, '<Nome>A</Nome><Cognome>B</Cognome>')).ok).toBe(true)
  })

  it('reports a missing body', () => {
    const xml = sampleText().replace(/<FatturaElettronicaBody>[\s\S]*<\/FatturaElettronicaBody>/, '')
    expect(issuesOf(xml)).toEqual([{ code: Code.missingElement, path: 'FatturaElettronicaBody' }])
  })

  it('checks the root attributes', () => {
    const root = '<p:FatturaElettronica versione="FPA12"'
    expect(issuesOf(edit(sampleText(), root, '<p:FatturaElettronica'))).toEqual([
      { code: Code.missingAttribute, path: 'versione' },
    ])
    expect(issuesOf(edit(sampleText(), root, `${root} foo="1"`))).toEqual([
      { code: Code.unexpectedAttribute, path: '' },
    ])
    expect(issuesOf(edit(sampleText(), '<Numero>', '<Numero id="1">'))).toEqual([
      { code: Code.unexpectedAttribute, path: `${DOC}.Numero` },
    ])
    expect(parseFattura(edit(sampleText(), root, `${root} SistemaEmittente="ERP 1.0"`)).ok).toBe(true)
  })

  it('reports children qualified with the FatturaPA namespace once, and reads them anyway', () => {
    const xml = sampleText()
      .replaceAll('<DatiTrasmissione>', '<p:DatiTrasmissione>')
      .replaceAll('</DatiTrasmissione>', '</p:DatiTrasmissione>')
    expect(issuesOf(xml)).toEqual([{ code: Code.wrongNamespace, path: 'FatturaElettronicaHeader.DatiTrasmissione' }])
  })

  it('refuses a root that is not FatturaPA 1.2', () => {
    const xml = sampleText().replace('fatture/v1.2"', 'fatture/v1.1"')
    expect(issuesOf(xml)).toEqual([{ code: Code.notFatturaPA, path: '' }])
  })

  it('reports several errors in document order and keeps going', () => {
    let xml = withLines(5)
    xml = edit(xml, '<Divisa>EUR</Divisa>', '')
    xml = editLine(xml, 1, (line) => line.replace('<Descrizione>', '<Extra/><Descrizione>'))
    xml = editLine(xml, 3, (line) => line.replace('<AliquotaIVA>22.00</AliquotaIVA>', '<AliquotaIVA>22</AliquotaIVA>'))
    xml = edit(xml, '<TipoDocumento>TD01</TipoDocumento>', '<TipoDocumento>TD99</TipoDocumento>')
    expect(issuesOf(xml)).toEqual([
      { code: Code.missingElement, path: `${DOC}.Divisa` },
      { code: Code.unexpectedElement, path: `${LINES}[1].Extra` },
      { code: Code.valueEnum, path: `${DOC}.TipoDocumento` },
      { code: Code.valuePattern, path: `${LINES}[3].AliquotaIVA` },
    ])
  })

  it('applies the XSD default of Nazione to an empty element, as libxml2 does', () => {
    const sede = '<Nazione>IT</Nazione>\n      </Sede>\n    </CedentePrestatore>'
    const nazione = (element: string) => {
      const result = parseFattura(edit(sampleText(), sede, `${element}</Sede></CedentePrestatore>`))
      return result.ok ? result.fattura.FatturaElettronicaHeader.CedentePrestatore.Sede.Nazione : result.issues[0]?.code
    }
    expect(nazione('<Nazione/>')).toBe('IT')
    expect(nazione('<Nazione><!-- none --></Nazione>')).toBe('IT')
    expect(nazione('<Nazione><![CDATA[]]></Nazione>')).toBe(Code.valueLength)
    expect(nazione('<Nazione>  </Nazione>')).toBe(Code.valuePattern)
  })

  it('stops after maxIssues', () => {
    const junk = '<X/>'.repeat(50)
    const result = parseFattura(edit(sampleText(), '<DatiGenerali>', `<DatiGenerali>${junk}`), { maxIssues: 10 })
    expect(result.issues).toHaveLength(11)
    expect(result.issues.at(-1)?.code).toBe(Code.tooManyIssues)
  })
})
