import { DEFAULT_MAX_BYTES, decodeXml } from '../xml/decode.ts'
import { structureMessage } from '../xml/messages.ts'
import type { ParseOptions } from '../xml/parse.ts'
import { SdiMessageIssueCode, type SdiMessageIssue } from './message-issues.ts'
import type { SdiMessage, SdiMessageFamily, SdiMessageKind, SdiMessageRoot } from './message-roots.ts'
import { walkMessage } from './message-walk.ts'
import { signatureIssue, validateMessageData } from './validate-message.ts'

export interface MessageParseOptions extends ParseOptions {
  /**
   * Report a missing ds:Signature where the XSD requires one (default true): every message SdI issues is signed.
   * false reads an unsigned message too (e.g. the simulator's own output before it signs it).
   */
  readonly requireSignature?: boolean
}

/** A message whose root was recognised but whose content is not valid: shaped like the model, not valid against it. */
export interface PartialSdiMessage {
  readonly kind: SdiMessageKind
  readonly family: SdiMessageFamily
  readonly root: string
  readonly data: unknown
}

export type MessageParseResult =
  | {
      readonly ok: true
      readonly message: SdiMessage
      /** The encoding the bytes were decoded from ("string" for a string input). */
      readonly encoding: string
      readonly issues: readonly []
    }
  | {
      readonly ok: false
      readonly issues: readonly SdiMessageIssue[]
      /** What could be read; undefined when the XML itself could not be read or the root is not a message. */
      readonly partial: PartialSdiMessage | undefined
    }

function failed(issues: readonly SdiMessageIssue[], partial?: PartialSdiMessage): MessageParseResult {
  return { ok: false, issues, partial }
}

function partialOf(root: SdiMessageRoot | undefined, data: unknown): PartialSdiMessage | undefined {
  return root === undefined ? undefined : { kind: root.kind, family: root.family, root: root.root, data }
}

/**
 * Parses an SdI message file (either schema family) into a typed message. The message is recognised by its root
 * element and namespace, never by file name. Everything the official XSD checks is checked, except the content of
 * ds:Signature, which is kept as opaque XML. Never throws: every problem is an issue with a stable code and a path.
 *
 * Security as for invoices (parseFattura): size limit first (default 5 MiB), DOCTYPE refused (no entity expansion,
 * nothing external loaded), nesting depth limited.
 */
export function parseSdiMessage(xml: Uint8Array | string, options: MessageParseOptions = {}): MessageParseResult {
  const decoded = decodeXml(xml, options.maxBytes ?? DEFAULT_MAX_BYTES)
  if (!decoded.ok) return failed([decoded.issue])
  const maxIssues = options.maxIssues ?? 100
  const walk = walkMessage(decoded.text, { maxDepth: options.maxDepth ?? 64, maxIssues })
  const { root, data } = walk
  if (walk.aborted) {
    // Only a walk stopped by the issue limit has read well-formed XML worth returning.
    const capped = walk.issues.at(-1)?.code === SdiMessageIssueCode.tooManyIssues
    return failed(walk.issues, capped ? partialOf(root, data) : undefined)
  }
  if (root === undefined || data === undefined) {
    return failed([{ code: SdiMessageIssueCode.xmlMalformed, path: '', message: structureMessage.noRoot() }])
  }
  // The walker has reported structure as it streamed; the validator adds values and nested attributes.
  const reported = new Set(walk.issues.map((issue) => `${issue.code} ${issue.path}`))
  const issues = [...walk.issues]
  for (const issue of validateMessageData(root, data)) {
    if (!reported.has(`${issue.code} ${issue.path}`)) issues.push(issue)
  }
  const signature = options.requireSignature === false ? undefined : signatureIssue(root, data)
  if (signature !== undefined) issues.push(signature)
  if (issues.length > 0) return failed(issues.slice(0, maxIssues), partialOf(root, data))
  const message = { kind: root.kind, family: root.family, root: root.root, data } as unknown as SdiMessage
  return { ok: true, message, encoding: decoded.encoding, issues: [] }
}
