import { defineError } from '@varco/errors'

/** checkContent was given a context it cannot use (a programming error: e.g. an invalid Date as receivedAt). */
export const ContentCheckContextError = defineError<[string]>(
  'FATTURAPA_ERR_CHECK_CONTEXT',
  'Invalid content check context: %s',
)
