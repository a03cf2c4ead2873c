import path from 'node:path'
import { grownSampleInvoice, sdiDir } from '@varco/testing'

/* Deterministic benchmark inputs: the official FPA01 sample grown by copies of its invoice line to a target size. */

/** The official schemas, read in place from the shared SdI folder: never copied into the project. */
export const XSD_DIR = path.join(sdiDir, 'xsd')

/** A valid, coherent invoice of at least `minBytes`: content checks run through it and find nothing. */
export function invoiceOfSize(minBytes: number): Buffer {
  return Buffer.from(grownSampleInvoice(minBytes), 'utf8')
}
