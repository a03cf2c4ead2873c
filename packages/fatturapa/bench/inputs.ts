import { readFileSync } from 'node:fs'
import path from 'node:path'
import { elevenDigitCheckDigit } from '../src/identifiers/partita-iva.ts'

/* Deterministic benchmark inputs: the official FPA01 sample grown by copies of its invoice line to a target size. */

/** The shared SdI reference folder (official schemas and samples), read in place: never copied into the project. */
export const SDI_DIR = path.resolve(import.meta.dirname, '../../../../shared/sdi')
export const XSD_DIR = path.join(SDI_DIR, 'xsd')
const SAMPLE = path.join(SDI_DIR, 'samples/invoices/IT01234567890_FPA01.xml')

const LINE = /<DettaglioLinee>[\s\S]*?<\/DettaglioLinee>/

function cents(value: number): string {
  return (value / 100).toFixed(2)
}

function setTotal(xml: string, element: string, value: string): string {
  return xml.replace(new RegExp(`<${element}>[^<]*</${element}>`), `<${element}>${value}</${element}>`)
}

/** The sample's fictitious 11-digit identifiers with a correct check digit, so that content checks find nothing. */
function withCheckDigits(xml: string): string {
  return xml.replace(/>([0-9]{10})[0-9]</g, (_, firstTen: string) => `>${firstTen}${elevenDigitCheckDigit(firstTen)}<`)
}

/**
 * The FPA01 sample (one 5.00 EUR line at 22%) with the line repeated until the file reaches `minBytes`; lines are
 * renumbered and the summary and payment follow, and identifiers get valid check digits, so the file stays valid and
 * coherent: content checks run through and find nothing.
 */
export function invoiceOfSize(minBytes: number): Buffer {
  const sample = withCheckDigits(readFileSync(SAMPLE, 'utf8'))
  const line = LINE.exec(sample)?.[0] ?? ''
  const fixed = Buffer.byteLength(sample) - Buffer.byteLength(line)
  const count = Math.max(1, Math.ceil((minBytes - fixed) / (Buffer.byteLength(line) + 7)))
  const lines: string[] = []
  for (let n = 1; n <= count; n++) lines.push(line.replace('<NumeroLinea>1<', `<NumeroLinea>${n}<`))
  let xml = sample.replace(line, lines.join('\n      '))
  xml = setTotal(xml, 'ImponibileImporto', cents(500 * count))
  xml = setTotal(xml, 'Imposta', cents(110 * count))
  xml = setTotal(xml, 'ImportoPagamento', cents(610 * count))
  return Buffer.from(xml, 'utf8')
}
