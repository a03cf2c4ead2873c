import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The shared SdI reference folder (official schemas and samples), read in place: never copied into the project. */
export const SDI_DIR = path.resolve(import.meta.dirname, '../../../../shared/sdi')
export const XSD_DIR = path.join(SDI_DIR, 'xsd')
export const INVOICE_SAMPLES_DIR = path.join(SDI_DIR, 'samples/invoices')

/** Every official invoice sample, relative to INVOICE_SAMPLES_DIR. */
export const INVOICE_SAMPLES = [
  'IT01234567890_FPA01.xml',
  'IT01234567890_FPA02.xml',
  'IT01234567890_FPA03.xml',
  'IT01234567890_FPR01.xml',
  'IT01234567890_FPR02.xml',
  'IT01234567890_FPR03.xml',
  'v1.2.1/IT01234567890_FPR02.xml',
] as const

/** The 1.2.2 FPR02 sample is not schema-valid: ContattiTrasmittente comes after PECDestinatario. */
export const INVALID_SAMPLE = 'IT01234567890_FPR02.xml'

export function readSample(name: string): Buffer {
  return readFileSync(path.join(INVOICE_SAMPLES_DIR, name))
}

/** A sample as text, for tests that edit it. */
export function sampleText(name = 'IT01234567890_FPA01.xml'): string {
  return readSample(name).toString('utf8')
}

/** Replaces exactly one occurrence of `search`; fails loudly when the sample does not contain it once. */
export function edit(xml: string, search: string, replacement: string): string {
  const at = xml.indexOf(search)
  if (at < 0 || xml.indexOf(search, at + 1) >= 0) throw new Error(`expected exactly one "${search}" in the sample`)
  return xml.slice(0, at) + replacement + xml.slice(at + search.length)
}
