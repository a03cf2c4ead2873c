import envSchema from 'env-schema'
import type { Static, TObject } from 'typebox'
import { defineError } from '@varco/errors'

/** One environment variable that is missing or malformed. */
export interface ConfigIssue {
  readonly variable: string
  readonly message: string
}

const ConfigInvalid = defineError<[string]>('CONFIG_ERR_INVALID', 'Invalid configuration: %s')

/** Thrown by {@link loadConfig}; names every bad variable at once so an operator fixes them in one go. */
export interface ConfigError extends Error {
  readonly code: 'CONFIG_ERR_INVALID'
  readonly issues: readonly ConfigIssue[]
}

interface AjvIssue {
  readonly instancePath: string
  readonly keyword: string
  readonly message?: string
  readonly params: { readonly missingProperty?: string; readonly allowedValues?: readonly unknown[] }
}

function toIssue(issue: AjvIssue): ConfigIssue {
  if (issue.keyword === 'required' && issue.params.missingProperty) {
    return { variable: issue.params.missingProperty, message: 'is required' }
  }
  const variable = issue.instancePath.split('/')[1] ?? '(environment)'
  if (issue.keyword === 'enum' && issue.params.allowedValues) {
    return { variable, message: `must be one of ${issue.params.allowedValues.join(', ')}` }
  }
  return { variable, message: issue.message ?? issue.keyword }
}

/** One issue per variable: the first is the most specific, the rest would repeat it. */
function onePerVariable(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Map<string, ConfigIssue>()
  for (const issue of issues) if (!seen.has(issue.variable)) seen.set(issue.variable, issue)
  return [...seen.values()]
}

/**
 * Reads and validates configuration from `env` (never `process.env` implicitly): types are coerced, defaults filled
 * in, unknown variables ignored. Returns a frozen object, or throws a ConfigError naming every bad variable.
 * Call it once, in a service's composition root, and pass the result down.
 */
export function loadConfig<Schema extends TObject>(
  schema: Schema,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Static<Schema>> {
  // Only the variables the schema declares are read: the rest of the environment is none of the config's business.
  const declared = Object.fromEntries(Object.keys(schema.properties).map((name) => [name, env[name]]))
  try {
    return Object.freeze(envSchema<Static<Schema>>({ schema, data: declared, env: false, dotenv: false }))
  } catch (err) {
    const issues = onePerVariable(((err as { errors?: AjvIssue[] }).errors ?? []).map(toIssue))
    const summary = issues.map((issue) => `${issue.variable} ${issue.message}`).join('; ')
    const error = new ConfigInvalid(summary || (err as Error).message) as unknown as ConfigError
    Object.defineProperty(error, 'issues', { value: issues, enumerable: true })
    throw error
  }
}

/** True for the error {@link loadConfig} throws. */
export function isConfigError(err: unknown): err is ConfigError {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'CONFIG_ERR_INVALID'
}
