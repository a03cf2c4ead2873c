import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** The official SdI material (schemas, WSDLs, samples), beside the checkout; read at test time, never copied. */
export const sdiDir = resolve(import.meta.dirname, '../../../../shared/sdi')

/** The bytes of an official sample, e.g. `sdiSample('samples/invoices/IT01234567890_FPR01.xml')`. */
export function sdiSample(relativePath: string): Buffer {
  return readFileSync(resolve(sdiDir, relativePath))
}

// The Luhn-style check digit of 11-digit Italian numbers (partita IVA, numeric codice fiscale).
function withCheckDigit(firstTen: string): string {
  let sum = 0
  for (let i = 0; i < 10; i++) {
    const digit = Number(firstTen[i])
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2
  }
  return `${firstTen}${(10 - (sum % 10)) % 10}`
}

/** Valid numbers that stand in for the samples' fictitious ones (which fail their check digits). */
export const validNumbers = {
  transmitter: withCheckDigit('1234567890'),
  seller: withCheckDigit('1234567890'),
  other: withCheckDigit('2468101214'),
  buyer: withCheckDigit('0987654321'),
} as const

/**
 * An official sample invoice with its fictitious identifiers replaced by valid ones, so that it passes the content
 * checks and tests can change exactly what they test.
 */
export function validSampleInvoice(name = 'IT01234567890_FPR01.xml'): string {
  return sdiSample(`samples/invoices/${name}`)
    .toString('utf8')
    .replaceAll('01234567890', validNumbers.seller)
    .replaceAll('24681012141', validNumbers.other)
    .replaceAll('09876543210', validNumbers.buyer)
}

const LINE = /<DettaglioLinee>[\s\S]*?<\/DettaglioLinee>/

function setTotal(xml: string, element: string, cents: number): string {
  return xml.replace(
    new RegExp(`<${element}>[^<]*</${element}>`),
    `<${element}>${(cents / 100).toFixed(2)}</${element}>`,
  )
}

/**
 * The official FPA01 sample (one 5.00 EUR line at 22%, valid identifiers) with its line repeated until the file
 * reaches `minBytes`: lines renumbered, the summary and payment following, so the file stays valid and coherent and
 * every check runs through it. The benchmarks' input of a given size.
 */
export function grownSampleInvoice(minBytes: number): string {
  const sample = validSampleInvoice('IT01234567890_FPA01.xml')
  const line = LINE.exec(sample)?.[0] ?? ''
  const fixed = Buffer.byteLength(sample) - Buffer.byteLength(line)
  const count = Math.max(1, Math.ceil((minBytes - fixed) / (Buffer.byteLength(line) + 7)))
  const lines: string[] = []
  for (let n = 1; n <= count; n++) lines.push(line.replace('<NumeroLinea>1<', `<NumeroLinea>${n}<`))
  let xml = sample.replace(line, lines.join('\n      '))
  xml = setTotal(xml, 'ImponibileImporto', 500 * count)
  xml = setTotal(xml, 'Imposta', 110 * count)
  xml = setTotal(xml, 'ImportoPagamento', 610 * count)
  return xml
}
