import { FatturaInvalidModelError } from '../errors.ts'
import { DSIG_NAMESPACE } from '../model/annotations.ts'
import { compileContentModel } from '../xml/content-model.ts'
import type { SdiMessageIssue } from './message-issues.ts'
import { findRootByName, type SdiMessage, type SdiMessageFamily } from './message-roots.ts'
import { writeAttributes, writeChildren } from './message-writer.ts'
import { parseSdiMessage } from './parse-message.ts'
import { validateSdiMessage } from './validate-message.ts'

/**
 * Prefix bound to the message namespace on the root. PA: `types`, as in every official sample. B2B: no official
 * sample exists; `ns3` is what SdI's own B2B messages use as seen by public parsers (the prefix carries no meaning).
 */
export const DEFAULT_MESSAGE_PREFIXES: Readonly<Record<SdiMessageFamily, string>> = { pa: 'types', b2b: 'ns3' }

export interface MessageSerializeOptions {
  /**
   * Validate first (default true): the message against its schema (a ds:Signature may be absent), then the output
   * read back, which checks the opaque ds:Signature text. An invalid message throws FATTURAPA_ERR_INVALID_MODEL.
   */
  readonly validate?: boolean
  /** Prefix of the message namespace (default DEFAULT_MESSAGE_PREFIXES of the family). */
  readonly prefix?: string
}

// An XML name without colon that does not start with "xml" (reserved) and is not the ds prefix declared alongside.
const PREFIX = /^(?![Xx][Mm][Ll])(?!ds$)[A-Za-z_][A-Za-z0-9._-]*$/

function invalid(issues: readonly SdiMessageIssue[]): Error {
  const summary = issues
    .slice(0, 5)
    .map((issue) => `${issue.path || '(root)'}: ${issue.message.en}`)
    .join('; ')
  return Object.assign(new FatturaInvalidModelError(summary), { issues })
}

/**
 * Writes a message as UTF-8 XML text: XML declaration; the root qualified with its family's namespace, declaring
 * xmlns:ds as the official samples do, with `versione` and the other attributes; children unqualified in schema order,
 * no indentation. A message without ds:Signature is written unsigned, ready for an enveloped XAdES signature (the
 * signer appends ds:Signature as the root's last child, where the schema wants it).
 * Throws FATTURAPA_ERR_INVALID_MODEL for an invalid message, FATTURAPA_ERR_XML_CHARACTER for a character XML 1.0
 * forbids.
 */
export function serializeSdiMessage(message: SdiMessage, options: MessageSerializeOptions = {}): string {
  const validate = options.validate ?? true
  const root = findRootByName(message.family, message.root)
  const issues = validate ? validateSdiMessage(message, { requireSignature: false }) : []
  if (root === undefined || issues.length > 0) {
    throw invalid(issues.length > 0 ? issues : validateSdiMessage(message))
  }
  const prefix = options.prefix ?? DEFAULT_MESSAGE_PREFIXES[root.family]
  if (!PREFIX.test(prefix)) throw new TypeError(`"${prefix}" cannot be used as the message namespace prefix`)
  const content = compileContentModel(root.schema)
  const data = message.data as Readonly<Record<string, unknown>>
  const name = `${prefix}:${root.root}`
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${name} xmlns:${prefix}="${root.namespace}" xmlns:ds="${DSIG_NAMESPACE}"${writeAttributes(content, data, '')}>` +
    `${writeChildren(content, data, '')}</${name}>`
  if (validate) {
    // The model holds ds:Signature as opaque text: reading the output back proves it is one well-formed element
    // in its place, and that the whole is a message our parser accepts.
    const reread = parseSdiMessage(xml, { maxBytes: Number.POSITIVE_INFINITY, requireSignature: false })
    if (!reread.ok) throw invalid(reread.issues)
  }
  return xml
}
