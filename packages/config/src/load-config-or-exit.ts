import type { Static, TObject } from 'typebox'
import { isConfigError, loadConfig } from './load-config.ts'

/** sysexits.h EX_CONFIG: the process was started with a configuration it cannot run with. */
export const EXIT_CONFIG = 78

/**
 * For a composition root: {@link loadConfig}, or, when variables are missing or malformed, a message naming each
 * one on stderr and exit code 78, before anything else starts.
 */
export function loadConfigOrExit<Schema extends TObject>(
  schema: Schema,
  env: Readonly<Record<string, string | undefined>>,
  exit: (code: number) => never = (code) => process.exit(code),
): Readonly<Static<Schema>> {
  try {
    return loadConfig(schema, env)
  } catch (err) {
    if (!isConfigError(err)) throw err
    process.stderr.write(
      `${err.message}\n${err.issues.map((issue) => `  ${issue.variable}: ${issue.message}\n`).join('')}`,
    )
    return exit(EXIT_CONFIG)
  }
}
