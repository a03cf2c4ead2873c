import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { SaxesParser } from 'saxes'

const CATALOG_NAMESPACE = 'urn:oasis:names:tc:entity:xmlns:xml:catalog'

/**
 * Reads the `uri` and `system` entries of an OASIS XML catalog (the subset xmllint users write to map a schema's remote
 * import to a local file). Returns external identifier → absolute local path; empty when there is no catalog.
 */
export function readCatalog(file: string): Map<string, string> {
  const entries = new Map<string, string>()
  if (!existsSync(file)) return entries
  const base = path.dirname(file)
  const parser = new SaxesParser({ xmlns: true })
  parser.on('doctype', () => {
    throw new Error(`${file}: a DOCTYPE is not supported in the catalog`)
  })
  parser.on('opentag', (tag) => {
    if (tag.uri !== CATALOG_NAMESPACE) return
    const target = tag.attributes.uri?.value
    const from =
      tag.local === 'uri'
        ? tag.attributes.name?.value
        : tag.local === 'system'
          ? tag.attributes.systemId?.value
          : undefined
    if (from !== undefined && target !== undefined) entries.set(from, path.resolve(base, target))
  })
  parser.write(readFileSync(file, 'utf8')).close()
  return entries
}
