import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { createXsdValidator, parseFattura, serializeFattura } from '../../src/index.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'
import { XSD_DIR } from '../helpers.ts'

/*
 * Differential test of the structure checks: random edits of a valid invoice (drop, duplicate or swap elements,
 * insert an unknown one) must be accepted or refused by our parser exactly when libxml2 + the official XSD accept or
 * refuse them. This covers order, cardinality, required elements and the choices.
 */

const xsd = createXsdValidator(XSD_DIR)
afterAll(() => xsd.dispose())

const invoice = aFullInvoice()
invoice.FatturaElettronicaBody = invoice.FatturaElettronicaBody.slice(0, 1)
const XML = serializeFattura(invoice)

/** Start and end offsets of every element below the root (no FatturaPA element contains one of its own name). */
const ELEMENTS = [...XML.matchAll(/<([A-Za-z]+)>/g)].map((match) => {
  const name = match[1] ?? ''
  const end = XML.indexOf(`</${name}>`, match.index) + name.length + 3
  return { name, start: match.index, end }
})

type Edit = 'drop' | 'duplicate' | 'swap' | 'insert'

function apply(edit: Edit, index: number): string {
  const element = ELEMENTS[index % ELEMENTS.length]
  if (element === undefined) return XML
  const { start, end } = element
  const text = XML.slice(start, end)
  switch (edit) {
    case 'drop':
      return XML.slice(0, start) + XML.slice(end)
    case 'duplicate':
      return XML.slice(0, end) + text + XML.slice(end)
    case 'insert':
      return `${XML.slice(0, start)}<Extra>1</Extra>${XML.slice(start)}`
    case 'swap': {
      const next = ELEMENTS.find((other) => other.start === end)
      return next === undefined ? XML : XML.slice(0, start) + XML.slice(end, next.end) + text + XML.slice(next.end)
    }
  }
}

describe('structure checks agree with libxml2 + the official XSD', () => {
  it('on random edits of a full invoice', () => {
    expect(ELEMENTS.length).toBeGreaterThan(150)
    fc.assert(
      fc.property(fc.constantFrom<Edit>('drop', 'duplicate', 'swap', 'insert'), fc.nat(), (edit, index) => {
        const xml = apply(edit, index)
        const element = ELEMENTS[index % ELEMENTS.length]?.name
        expect({ edit, element, valid: parseFattura(xml).ok }).toEqual({
          edit,
          element,
          valid: xsd.validate(xml).valid,
        })
      }),
      { numRuns: 300 },
    )
  })
})
