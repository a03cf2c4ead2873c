import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import {
  ParseOption,
  XmlBufferInputProvider,
  XmlDocument,
  XmlLibError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm'
import { FatturaXsdLoadError } from '../errors.ts'
import { readCatalog } from './catalog.ts'

/** Default schema file: FatturaPA 1.2.3 (same content is also published as Schema_VFPA12_V1.2.3.xsd). */
export const DEFAULT_FATTURAPA_XSD = 'Schema_VFPR12_v1.2.3.xsd'

export interface XsdProblem {
  readonly message: string
  readonly line?: number
  readonly column?: number
}

export interface XsdValidation {
  readonly valid: boolean
  readonly problems: readonly XsdProblem[]
}

/** libxml2 validation against the official schemas. Holds WebAssembly memory: dispose it when done. */
export interface FatturaXsdValidator extends Disposable {
  /** Validates a file as libxml2 (xmllint) would; a DOCTYPE is refused before validation, nothing is fetched. */
  validate(xml: Uint8Array | string): XsdValidation
  dispose(): void
}

export interface XsdValidatorOptions {
  /** Schema file inside the directory; default Schema_VFPR12_v1.2.3.xsd. */
  readonly schemaFile?: string
}

// One provider for the process (libxml2 keeps a global list); buffers are added only while a schema compiles.
let provider: XmlBufferInputProvider | undefined

function sharedProvider(): XmlBufferInputProvider {
  if (provider === undefined) {
    provider = new XmlBufferInputProvider({})
    xmlRegisterInputProvider(provider)
  }
  return provider
}

/** What the schema may import: catalog.xml mappings (e.g. the W3C xmldsig URL) and the .xsd files next to it. */
function importableFiles(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>()
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.xsd')) files.set(path.join(dir, name), readFileSync(path.join(dir, name)))
  }
  const catalog = path.join(dir, 'catalog.xml')
  for (const [uri, file] of readCatalog(catalog)) {
    const bytes = files.get(file)
    if (bytes !== undefined) files.set(uri, bytes)
  }
  return files
}

const INSTANCE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE

function problemsOf(error: unknown): XsdProblem[] {
  if (error instanceof XmlLibError && error.details.length > 0) {
    return error.details.map((detail) => ({ message: detail.message.trim(), line: detail.line, column: detail.col }))
  }
  return [{ message: error instanceof Error ? error.message : String(error) }]
}

/**
 * Loads the official FatturaPA schema from an operator-configured directory (the schemas are never bundled) and
 * returns a reusable validator. The directory must hold the schema and xmldsig-core-schema.xsd; a catalog.xml there
 * (OASIS catalog, `uri`/`system` entries) maps the W3C URL the schema imports to the local copy. Nothing is downloaded.
 */
export function createXsdValidator(dir: string, options: XsdValidatorOptions = {}): FatturaXsdValidator {
  const schemaPath = path.resolve(dir, options.schemaFile ?? DEFAULT_FATTURAPA_XSD)
  let files: Map<string, Uint8Array>
  try {
    files = importableFiles(path.resolve(dir))
  } catch (cause) {
    throw new FatturaXsdLoadError(`cannot read ${dir}`, { cause })
  }
  const schemaBytes = files.get(schemaPath)
  if (schemaBytes === undefined) throw new FatturaXsdLoadError(`${schemaPath} not found`)
  const inputs = sharedProvider()
  for (const [name, bytes] of files) inputs.addBuffer(name, bytes)
  let schemaDoc: XmlDocument | undefined
  let validator: XsdValidator
  try {
    schemaDoc = XmlDocument.fromBuffer(schemaBytes, { url: schemaPath, option: INSTANCE_OPTIONS })
    validator = XsdValidator.fromDoc(schemaDoc)
  } catch (cause) {
    schemaDoc?.dispose()
    throw new FatturaXsdLoadError(`${schemaPath}: ${problemsOf(cause)[0]?.message ?? 'invalid schema'}`, { cause })
  } finally {
    for (const name of files.keys()) inputs.removeBuffer(name)
  }
  const schema = schemaDoc
  return {
    validate(xml) {
      let doc: XmlDocument | undefined
      try {
        doc =
          typeof xml === 'string'
            ? XmlDocument.fromString(xml, { option: INSTANCE_OPTIONS })
            : XmlDocument.fromBuffer(xml, { option: INSTANCE_OPTIONS })
        if (doc.dtd !== null) return { valid: false, problems: [{ message: 'A DOCTYPE is not allowed' }] }
        validator.validate(doc)
        return { valid: true, problems: [] }
      } catch (error) {
        return { valid: false, problems: problemsOf(error) }
      } finally {
        doc?.dispose()
      }
    },
    dispose() {
      validator.dispose()
      schema.dispose()
    },
    [Symbol.dispose]() {
      this.dispose()
    },
  }
}
