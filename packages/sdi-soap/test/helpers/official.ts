import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ParseOption, XmlDocument, XmlElement, XmlLibError, XsdValidator } from 'libxml2-wasm'
import { WSDL } from 'soap'
import { sdiDir } from '@varco/testing'

/** The official SdICoop WSDLs and XSDs beside the checkout (read at test time, never copied into the project). */
export const OFFICIAL_WSDL_DIR = resolve(import.meta.dirname, '../../../../../shared/sdi/wsdl')

export const OFFICIAL_WSDL = {
  SdIRiceviFile: join(OFFICIAL_WSDL_DIR, 'SdIRiceviFile_v1.0.wsdl'),
  SdIRiceviNotifica: join(OFFICIAL_WSDL_DIR, 'SdIRiceviNotifica_v1.0.wsdl'),
  TrasmissioneFatture: join(OFFICIAL_WSDL_DIR, 'TrasmissioneFatture_v1.1.wsdl'),
  RicezioneFatture: join(OFFICIAL_WSDL_DIR, 'RicezioneFatture_v1.0.wsdl'),
} as const

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
const OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE

/** An official SdI sample file's bytes (samples/messages/..., samples/invoices/...). */
export const sample = (path: string): Buffer => readFileSync(join(sdiDir, 'samples', path))

export interface Verdict {
  readonly valid: boolean
  readonly element: string
  readonly problems: readonly string[]
}

/**
 * Validates the element inside soap:Body against the official XSD of its namespace (TrasmissioneTypes_v1.1.xsd or
 * RicezioneTypes_v1.0.xsd). Neither imports the xmime schema: `xmime:expectedContentTypes` is a foreign attribute on
 * the schema's own element declarations, which XSD allows without an import, so they compile as they are.
 */
export interface OfficialSchemas {
  validateBody(envelope: string): Verdict
  dispose(): void
}

export function loadOfficialSchemas(): OfficialSchemas {
  const validators = new Map<string, { doc: XmlDocument; validator: XsdValidator }>()
  for (const file of ['TrasmissioneTypes_v1.1.xsd', 'RicezioneTypes_v1.0.xsd']) {
    const path = join(OFFICIAL_WSDL_DIR, file)
    const doc = XmlDocument.fromBuffer(readFileSync(path), { url: path, option: OPTIONS })
    const namespace = doc.root.attr('targetNamespace')?.value ?? ''
    validators.set(namespace, { doc, validator: XsdValidator.fromDoc(doc) })
  }
  return {
    validateBody(envelope) {
      const doc = XmlDocument.fromString(envelope, { option: OPTIONS })
      try {
        const element = doc.get('/soap:Envelope/soap:Body/*[1]', { soap: SOAP11 })
        if (!(element instanceof XmlElement)) return { valid: false, element: '(none)', problems: ['no body element'] }
        const name = `{${element.namespaceUri}}${element.name}`
        const schema = validators.get(element.namespaceUri)
        if (schema === undefined) return { valid: false, element: name, problems: ['no official schema'] }
        try {
          schema.validator.validate(element)
          return { valid: true, element: name, problems: [] }
        } catch (err) {
          const problems = err instanceof XmlLibError ? err.details.map((d) => d.message.trim()) : [String(err)]
          return { valid: false, element: name, problems }
        }
      } finally {
        doc.dispose()
      }
    },
    dispose() {
      for (const { doc, validator } of validators.values()) {
        validator.dispose()
        doc.dispose()
      }
    },
  }
}

/** An official WSDL as soap parses it (for the SOAPActions and element names it binds). */
export async function loadOfficialWsdl(path: string): Promise<WSDL> {
  const wsdl = new WSDL(readFileSync(path, 'utf8'), path, {})
  await new Promise<void>((res, rej) => wsdl.onReady((err) => (err ? rej(err) : res())))
  return wsdl
}

/** Operation name → soapAction, input element, output element, from a parsed WSDL's bindings. */
export function boundOperations(wsdl: WSDL): Map<string, { soapAction: string; input: string; output?: string }> {
  const operations = new Map<string, { soapAction: string; input: string; output?: string }>()
  for (const binding of Object.values(wsdl.definitions.bindings)) {
    for (const [name, method] of Object.entries(binding.methods)) {
      const output = method.output as typeof method.output | undefined
      operations.set(name, { soapAction: method.soapAction, input: method.input.$name ?? '', output: output?.$name })
    }
  }
  return operations
}
