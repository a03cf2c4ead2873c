import { defineError } from '@varco/errors'

/* Errors this package throws (programming or configuration errors). Problems found in a file are returned as issues. */

/** serializeFattura was given a model that does not validate; `issues` lists why. */
export const FatturaInvalidModelError = defineError<[string]>(
  'FATTURAPA_ERR_INVALID_MODEL',
  'The FatturaPA model is not valid: %s',
  { statusCode: 422 },
)

/** A string in the model holds a character XML 1.0 cannot carry (e.g. U+0000, U+FFFE, a lone surrogate). */
export const FatturaCharacterError = defineError<[string]>(
  'FATTURAPA_ERR_XML_CHARACTER',
  'Character not allowed in XML 1.0 at %s',
  { statusCode: 422 },
)

/** The official schemas could not be loaded from the configured directory. */
export const FatturaXsdLoadError = defineError<[string, { cause: unknown }?]>(
  'FATTURAPA_ERR_XSD_LOAD',
  'Cannot load the FatturaPA XSD: %s',
)
