import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The read-only official material in the workspace's shared folder (never copied into the project). */
export const SHARED_SDI = resolve(import.meta.dirname, '../../../../../shared/sdi')

export const SCHEMA = join(SHARED_SDI, 'xsd/Schema_VFPR12_v1.2.3.xsd')
export const CATALOG = join(SHARED_SDI, 'xsd/catalog.xml')
export const LEGACY_P7M = join(SHARED_SDI, 'samples/legacy/IT01234567890_11111.xml.p7m')

export const SIGNED_MESSAGES = ['RC', 'NS', 'MC', 'NE', 'DT', 'AT', 'SE'].map((type) =>
  join(SHARED_SDI, `samples/messages/IT01234567890_11111_${type}_001.xml`),
)
export const UNSIGNED_MESSAGES = ['EC', 'MT'].map((type) =>
  join(SHARED_SDI, `samples/messages/IT01234567890_11111_${type}_001.xml`),
)

/** The official sample invoices; `schemaValid` is false for the 1.2.2 FPR02, which fails the XSD as published. */
export function sampleInvoices(): { name: string; path: string; schemaValid: boolean }[] {
  const dir = join(SHARED_SDI, 'samples/invoices')
  const top = readdirSync(dir).filter((name) => name.endsWith('.xml'))
  return [
    ...top.map((name) => ({ name, path: join(dir, name), schemaValid: name !== 'IT01234567890_FPR02.xml' })),
    { name: 'v1.2.1/IT01234567890_FPR02.xml', path: join(dir, 'v1.2.1/IT01234567890_FPR02.xml'), schemaValid: true },
  ]
}

export const read = (path: string): Buffer => readFileSync(path)

/** A ~400 KB invoice: the first DettaglioLinee of a sample repeated (line numbers kept; only size matters here). */
export function largeInvoice(target = 400_000): Buffer {
  const text = readFileSync(join(SHARED_SDI, 'samples/invoices/IT01234567890_FPA03.xml'), 'utf8')
  const line = /<DettaglioLinee>[\s\S]*?<\/DettaglioLinee>\s*/.exec(text)?.[0] ?? ''
  const copies = Math.max(1, Math.ceil((target - text.length) / line.length))
  return Buffer.from(text.replace(line, line.repeat(copies + 1)))
}
