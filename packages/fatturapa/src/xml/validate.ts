import { Compile } from 'typebox/compile'
import type { TLocalizedValidationError } from 'typebox/error'
import { FatturaElettronica } from '../model/fattura.ts'
import { FatturaIssueCode, type FatturaIssue } from './issues.ts'

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

const VALUE_CODES: Readonly<Record<string, FatturaIssueCode>> = {
  type: FatturaIssueCode.valueType,
  enum: FatturaIssueCode.valueEnum,
  const: FatturaIssueCode.valueEnum,
  minLength: FatturaIssueCode.valueLength,
  maxLength: FatturaIssueCode.valueLength,
  pattern: FatturaIssueCode.valuePattern,
  format: FatturaIssueCode.valueFormat,
  minimum: FatturaIssueCode.valueRange,
  maximum: FatturaIssueCode.valueRange,
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

function toIssues(error: ValidationError, structural: boolean): FatturaIssue[] {
  const path = pointerToPath(error.instancePath)
  const code = VALUE_CODES[error.keyword]
  if (code !== undefined) return [{ code, path, message: error.message }]
  if (!structural) return []
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { requiredProperties?: readonly string[] }).requiredProperties ?? []
      return missing.map((name) => ({
        code: FatturaIssueCode.missingElement,
        path: join(path, name),
        message: `${name} is required`,
      }))
    }
    case 'boolean':
      return [{ code: FatturaIssueCode.unexpectedElement, path, message: 'Not an element of this type' }]
    case 'minItems':
      return [{ code: FatturaIssueCode.missingElement, path, message: 'At least one item is required' }]
    case 'maxItems':
      return [{ code: FatturaIssueCode.tooManyOccurrences, path, message: error.message }]
    default:
      // additionalProperties repeats the 'boolean' errors; anything else is a shape the model cannot have.
      return error.keyword === 'additionalProperties'
        ? []
        : [{ code: FatturaIssueCode.valueType, path, message: error.message }]
  }
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
  for (const error of keepClosestUnionMember(validator.Errors(value))) {
    for (const issue of toIssues(error, structural)) {
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
