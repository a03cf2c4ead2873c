import type { TSchema } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'
import type { TLocalizedValidationError } from 'typebox/error'
import { XmlAnnotation } from '../model/annotations.ts'
import type { LocalizedText } from '../sdi/sdi-error.ts'
import { structureMessage as say } from '../xml/messages.ts'
import { pointerToPath } from '../xml/validate.ts'
import { elementOf, valueProblem } from '../xml/value-messages.ts'
import { SdiMessageIssueCode as Code, type SdiMessageIssue } from './message-issues.ts'
import { findRootByName, type SdiMessageRoot } from './message-roots.ts'
import { messageText } from './message-texts.ts'

/*
 * Value and shape checks of message content with the compiled TypeBox validator, with the invoice codec's codes and
 * texts. Not xml/validate.ts's validateModel itself: it is bound to the FatturaElettronica schema, and reports neither
 * missing attributes on nested elements (NotificaEsito's EsitoCommittente has a required `versione`) nor missing
 * elements after a parse. Messages have no xs:choice, so no union handling is needed here.
 */

const validators = new WeakMap<TSchema, Validator>()

function validatorOf(schema: TSchema): Validator {
  let validator = validators.get(schema)
  if (validator === undefined) {
    validator = Compile(schema)
    validators.set(schema, validator)
  }
  return validator
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`
}

/** The sub-schema a validator's schemaPath (`#/properties/EsitoCommittente`) points at. */
function schemaAt(schema: TSchema, schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema
  for (const segment of schemaPath.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined
}

/** The value a JSON pointer designates (only after a failed check, to quote it in the message). */
function valueAt(data: unknown, pointer: string): unknown {
  let value = data
  for (const segment of pointer.split('/').slice(1)) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

function isAttribute(owner: Record<string, unknown> | undefined, name: string): boolean {
  const properties = owner?.properties as Record<string, Record<string, unknown>> | undefined
  return properties?.[name]?.[XmlAnnotation.attribute] === true
}

function missing(root: SdiMessageRoot, error: TLocalizedValidationError, path: string): SdiMessageIssue[] {
  const owner = schemaAt(root.schema, error.schemaPath)
  const names = (error.params as { requiredProperties?: readonly string[] }).requiredProperties ?? []
  return names.map((name) =>
    isAttribute(owner, name)
      ? {
          code: Code.missingAttribute,
          path: join(path, name),
          message: say.attributeRequired(name, ownerName(root, path)),
        }
      : { code: Code.missingElement, path: join(path, name), message: say.required(name) },
  )
}

function ownerName(root: SdiMessageRoot, path: string): string {
  return path === '' ? root.root : elementOf(path)
}

function toIssues(root: SdiMessageRoot, data: unknown, error: TLocalizedValidationError): SdiMessageIssue[] {
  const path = pointerToPath(error.instancePath)
  const value = valueProblem(error, valueAt(data, error.instancePath), path === '' ? root.root : path)
  if (value !== undefined) return [{ code: value.code, path, message: value.message }]
  const name = ownerName(root, path)
  switch (error.keyword) {
    case 'required':
      return missing(root, error, path)
    case 'boolean': {
      const parent = path.lastIndexOf('.') < 0 ? '' : path.slice(0, path.lastIndexOf('.'))
      return [{ code: Code.unexpectedElement, path, message: say.notAllowedIn(name, ownerName(root, parent)) }]
    }
    case 'minItems':
      return [{ code: Code.missingElement, path, message: say.required(name) }]
    case 'maxItems': {
      const limit = (error.params as { limit?: number }).limit ?? 1
      return [{ code: Code.tooManyOccurrences, path, message: say.tooMany(name, limit) }]
    }
    default:
      // additionalProperties repeats the 'boolean' errors; anything else is a shape the model cannot have.
      return error.keyword === 'additionalProperties' ? [] : [{ code: Code.valueType, path, message: shapeOf(name) }]
  }
}

function shapeOf(name: string): LocalizedText {
  return { it: `${name} non ha la forma prevista dal modello`, en: `${name} does not have the shape of the model` }
}

/** Checks the content of a message root against its schema: one issue per path, the first one. */
export function validateMessageData(root: SdiMessageRoot, data: unknown): SdiMessageIssue[] {
  const validator = validatorOf(root.schema)
  if (validator.Check(data)) return []
  const issues: SdiMessageIssue[] = []
  const seen = new Set<string>()
  for (const error of validator.Errors(data)) {
    for (const issue of toIssues(root, data, error)) {
      if (seen.has(issue.path)) continue
      seen.add(issue.path)
      issues.push(issue)
    }
  }
  return issues
}

/** The missing-signature issue, when the XSD requires a ds:Signature the data does not have. */
export function signatureIssue(root: SdiMessageRoot, data: unknown): SdiMessageIssue | undefined {
  const signature = typeof data === 'object' && data !== null ? (data as { Signature?: unknown }).Signature : undefined
  if (!root.signed || signature !== undefined) return undefined
  return { code: Code.missingElement, path: 'Signature', message: messageText.signatureRequired(root.root) }
}

export interface ValidateMessageOptions {
  /** Require the ds:Signature the XSD requires (default true); false for a message about to be signed. */
  readonly requireSignature?: boolean
}

/**
 * Checks a message built in code (or received as JSON): a known family and root with the matching kind, and data
 * valid against that root's schema (exact to the XSD, ds:Signature content aside). Returns the issues, empty when valid.
 */
export function validateSdiMessage(message: unknown, options: ValidateMessageOptions = {}): SdiMessageIssue[] {
  const envelope = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>
  const root = findRootByName(envelope.family, envelope.root)
  if (root === undefined) {
    return [{ code: Code.notSdiMessage, path: '', message: messageText.unknownRoot() }]
  }
  if (envelope.kind !== root.kind) {
    return [{ code: Code.valueEnum, path: '', message: messageText.wrongKind(root.kind, root.family, root.root) }]
  }
  const issues = validateMessageData(root, envelope.data)
  const signature = options.requireSignature === false ? undefined : signatureIssue(root, envelope.data)
  return signature === undefined ? issues : [...issues, signature]
}
