import { defineError } from '@varco/errors'

const InvalidIdentifier = defineError<[string]>(
  'DB_ERR_IDENTIFIER',
  "'%s' is not a valid schema name: lowercase letters, digits and _ only",
)

/**
 * Schema names are interpolated into SQL (they cannot be bind parameters), so only plain lowercase identifiers
 * are accepted; anything else is a programming error caught at start-up.
 */
export function schemaName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new InvalidIdentifier(name)
  return name
}
