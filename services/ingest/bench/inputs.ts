import { grownSampleInvoice } from '@varco/testing'

/* The benchmark's input: the official FPA01 sample (with valid identifiers) grown by copies of its line. */

/**
 * The grown sample of at least `minBytes`; `unique(n)` gives the n-th file, whose first line's description carries
 * n, so that every request stores new bytes.
 */
export function invoiceTemplate(minBytes: number): { readonly unique: (n: number) => string; readonly size: number } {
  const xml = grownSampleInvoice(minBytes)
  const at = xml.indexOf('<Descrizione>') + '<Descrizione>'.length
  const head = xml.slice(0, at)
  const tail = xml.slice(at)
  return { unique: (n) => `${head}${n} ${tail}`, size: Buffer.byteLength(xml) }
}
