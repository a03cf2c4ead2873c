import { grownSampleInvoice } from '@varco/testing'

/* The benchmark's file: the official FPA01 sample grown to a target size. The SOAP layer never reads the file's
 * content: only its size matters. */

export function invoiceOfSize(minBytes: number): Buffer {
  return Buffer.from(grownSampleInvoice(minBytes), 'utf8')
}
