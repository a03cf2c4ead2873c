import { validSampleInvoice } from '@varco/testing'

/* The benchmark's input: the official FPA01 sample (with valid identifiers) grown by copies of its line. */

const LINE = /<DettaglioLinee>[\s\S]*?<\/DettaglioLinee>/

function cents(value: number): string {
  return (value / 100).toFixed(2)
}

function setTotal(xml: string, element: string, value: string): string {
  return xml.replace(new RegExp(`<${element}>[^<]*</${element}>`), `<${element}>${value}</${element}>`)
}

/**
 * The FPA01 sample with its line repeated until the file reaches `minBytes`, totals following, so the file stays
 * valid; `unique(n)` gives the n-th file, whose first line's description carries n (every request stores new bytes).
 */
export function invoiceTemplate(minBytes: number): { readonly unique: (n: number) => string; readonly size: number } {
  const sample = validSampleInvoice('IT01234567890_FPA01.xml')
  const line = LINE.exec(sample)?.[0] ?? ''
  const fixed = Buffer.byteLength(sample) - Buffer.byteLength(line)
  const count = Math.max(1, Math.ceil((minBytes - fixed) / (Buffer.byteLength(line) + 7)))
  const lines: string[] = []
  for (let n = 1; n <= count; n++) lines.push(line.replace('<NumeroLinea>1<', `<NumeroLinea>${n}<`))
  let xml = sample.replace(line, lines.join('\n      '))
  xml = setTotal(xml, 'ImponibileImporto', cents(500 * count))
  xml = setTotal(xml, 'Imposta', cents(110 * count))
  xml = setTotal(xml, 'ImportoPagamento', cents(610 * count))
  const at = xml.indexOf('<Descrizione>') + '<Descrizione>'.length
  const head = xml.slice(0, at)
  const tail = xml.slice(at)
  return { unique: (n) => `${head}${n} ${tail}`, size: Buffer.byteLength(xml) }
}
