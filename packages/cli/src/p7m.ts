import { errorCode, errorMessage } from '@varco/errors'
import { extractContent } from '@varco/signature'
import { CliP7mError } from './errors.ts'

// The reason after SIG_ERR_INPUT's "Unusable input: " is what the user needs when opening a .p7m.
const PREFIX = /^Unusable input: /

/** The content of a .p7m, unverified; throws CLI_ERR_P7M, naming the file, when it is not a readable one. */
export function contentOf(file: string, p7m: Buffer): Buffer {
  try {
    return extractContent(p7m)
  } catch (err) {
    if (errorCode(err) !== 'SIG_ERR_INPUT') throw err
    throw new CliP7mError(file, errorMessage(err).replace(PREFIX, ''))
  }
}
