import { Compile } from 'typebox/compile'
import type { TLocalizedValidationError } from 'typebox/error'
import { Settings } from 'typebox/system'
import { FatturaElettronica } from '../model/fattura.ts'
import type { LocalizedText } from '../sdi/sdi-error.ts'
import { FatturaIssueCode, type FatturaIssue } from './issues.ts'
import { structureMessage as say } from './messages.ts'
import { elementOf, valueAt, valueProblem } from './value-messages.ts'

/** A copy of a schema without `additionalProperties` (TypeBox compiles plain JSON Schema). */
function open(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(open)
  if (typeof schema !== 'object' || schema === null) return schema
  const entries = Object.entries(schema).filter(([key]) => key !== 'additionalProperties')
  return Object.fromEntries(entries.map(([key, value]) => [key, open(value)]))
}

// Compiled once, when the module loads. A parsed model cannot hold unknown properties (the walker creates only
// declared ones), so after a parse the validator skips that check: about 40% of its time.
const strict = Compile(FatturaElettronica)
const afterParse = Compile(open(FatturaElettronica) as typeof FatturaElettronica)

type ValidationError = TLocalizedValidationError

/*
 * TypeBox stops collecting errors at a global setting, 8 by default: far fewer than the issues a file can have (SdI
 * lists up to 200). Raised only for the duration of the (synchronous) collection, so other users of TypeBox in the
 * process keep their setting.
 */
const MAX_ERRORS = 1000

function allErrors(validator: typeof strict, value: unknown): ValidationError[] {
  const settings = Settings.Get()
  const previous = settings.maxErrors
  Settings.Set({ maxErrors: MAX_ERRORS })
  try {
    return validator.Errors(value)
  } finally {
    Settings.Set({ maxErrors: previous })
  }
}

/**
 * A JSON pointer as an issue path: `/FatturaElettronicaBody/0/DatiBeniServizi/DettaglioLinee/3/AliquotaIVA` becomes
 * `FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[3].AliquotaIVA`.
 */
export function pointerToPath(pointer: string): string {
  let path = ''
  for (const segment of pointer.split('/')) {
    if (segment === '') continue
    if (/^[0-9]+$/.test(segment)) path += `[${segment}]`
    else path += path === '' ? segment : `.${segment}`
  }
  return path
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`
}

/**
 * A union (the Denominazione | Nome+Cognome choice) reports the errors of every member. Keep those of the member the
 * value was meant to be.
 */
function keepClosestUnionMember(errors: readonly ValidationError[]): ValidationError[] {
  const dropped = new Set<ValidationError>()
  for (const union of errors) {
    if (union.keyword !== 'anyOf') continue
    dropped.add(union)
    const prefix = `${union.schemaPath}/anyOf/`
    const byMember = new Map<string, ValidationError[]>()
    for (const error of errors) {
      if (!error.schemaPath.startsWith(prefix) || !error.instancePath.startsWith(union.instancePath)) continue
      const member = error.schemaPath.slice(prefix.length).split('/')[0] ?? ''
      byMember.set(member, [...(byMember.get(member) ?? []), error])
    }
    // Missing required properties are the surest sign of the wrong member; then the number of errors.
    const missing = (list: readonly ValidationError[]) => list.filter((error) => error.keyword === 'required').length
    const ranked = [...byMember.values()].sort((a, b) => missing(a) - missing(b) || a.length - b.length)
    for (const member of ranked.slice(1)) for (const error of member) dropped.add(error)
  }
  return errors.filter((error) => !dropped.has(error))
}

function toIssues(error: ValidationError, root: unknown, structural: boolean): FatturaIssue[] {
  const path = pointerToPath(error.instancePath)
  const value = valueProblem(error, valueAt(root, error.instancePath), path)
  if (value !== undefined) return [{ code: value.code, path, message: value.message }]
  if (!structural) return []
  const name = elementOf(path)
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { requiredProperties?: readonly string[] }).requiredProperties ?? []
      return missing.map((element) => ({
        code: FatturaIssueCode.missingElement,
        path: join(path, element),
        message: say.required(element),
      }))
    }
    case 'boolean':
      return [{ code: FatturaIssueCode.unexpectedElement, path, message: notAnElement(name, path) }]
    case 'minItems':
      return [{ code: FatturaIssueCode.missingElement, path, message: say.required(name) }]
    case 'maxItems': {
      const limit = (error.params as { limit?: number }).limit ?? 1
      return [{ code: FatturaIssueCode.tooManyOccurrences, path, message: say.tooMany(name, limit) }]
    }
    default:
      // additionalProperties repeats the 'boolean' errors; anything else is a shape the model cannot have.
      return error.keyword === 'additionalProperties'
        ? []
        : [
            {
              code: FatturaIssueCode.valueType,
              path,
              message: {
                it: `${name} non ha la forma prevista dal modello`,
                en: `${name} does not have the shape of the model`,
              },
            },
          ]
  }
}

/** A property the model does not declare (JSON input): `Extra` in DatiTrasmissione. */
function notAnElement(name: string, path: string): LocalizedText {
  const parentPath = path.lastIndexOf('.') < 0 ? '' : path.slice(0, path.lastIndexOf('.'))
  return say.notAllowedIn(name, elementOf(parentPath))
}

/**
 * Validates a model against the FatturaPA schema. With `structural` false (after a parse, where the walker has already
 * reported missing and unexpected elements) only value issues are returned. One issue per path: the first one.
 */
export function validateModel(value: unknown, structural: boolean): FatturaIssue[] {
  const validator = structural ? strict : afterParse
  if (validator.Check(value)) return []
  const issues: FatturaIssue[] = []
  const seen = new Set<string>()
  for (const error of keepClosestUnionMember(allErrors(validator, value))) {
    for (const issue of toIssues(error, value, structural)) {
      if (seen.has(issue.path)) continue
      seen.add(issue.path)
      issues.push(issue)
    }
  }
  return issues
}

/**
 * Checks a model built in code (or received as JSON) against the FatturaPA 1.2.3 schema: required and unknown
 * properties, cardinality, and every value facet. Returns the issues, empty when the model is valid.
 */
export function validateFattura(value: unknown): FatturaIssue[] {
  return validateModel(value, true)
}
