import { defineError } from '@varco/errors'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const WIDTH = 5
/** 36^5 - 1: how many distinct progressives one transmitter has (about 60 million files). */
export const MAX_PROGRESSIVE = 36n ** BigInt(WIDTH) - 1n

export const ProgressiveExhausted = defineError<[string]>(
  'FATTURAPA_ERR_PROGRESSIVE_EXHAUSTED',
  'No file-name progressive left for counter %s: SdI allows 5 characters (A-Z, 0-9) per transmitter',
)

/**
 * The file-name progressive for the n-th file of a transmitter (n from 1): n in base 36 with the digits and upper-case
 * letters SdI's naming rule allows, padded to 5 characters ("00001", "0000A", ..., "ZZZZZ"). Distinct counters give
 * distinct progressives, so a counter that is never reused yields file names that are never reused (SdI's 00002).
 */
export function progressiveFor(counter: bigint): string {
  if (counter < 1n || counter > MAX_PROGRESSIVE) throw new ProgressiveExhausted(counter.toString())
  let rest = counter
  let digits = ''
  while (rest > 0n) {
    digits = ALPHABET[Number(rest % 36n)]! + digits
    rest /= 36n
  }
  return digits.padStart(WIDTH, '0')
}
