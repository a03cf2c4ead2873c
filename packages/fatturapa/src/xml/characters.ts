/*
 * The character sets of the FatturaPA string types. The schema's Latin types allow \p{IsBasicLatin} (U+0000-U+007F,
 * "String10Type".."String100Type", NumeroCivico, TelFax, Titolo) or also \p{IsLatin-1Supplement} (U+0000-U+00FF, the
 * "...LatinType" ones): what ISO-8859-1 can encode. Anything else is refused by SdI.
 */

/** Highest code point of a block-restricted string type. */
export type CharacterBlock = 0x7f | 0xff

const BLOCK_PATTERN = /^\^\[\\u0000-\\u00(7F|FF)\]\{\d+,\d+\}\$$/

/** The block a pattern restricts its strings to (`^[\u0000-\u00FF]{1,60}$` → 0xff), or undefined for other patterns. */
export function blockOfPattern(pattern: string): CharacterBlock | undefined {
  const match = BLOCK_PATTERN.exec(pattern)
  if (match === null) return undefined
  return match[1] === '7F' ? 0x7f : 0xff
}

export interface OutsideCharacter {
  /** The character (a whole code point, so two UTF-16 units outside the BMP). */
  readonly char: string
  /** Its position in the value, counted in characters (code points) from 1, as a person counts. */
  readonly position: number
}

/** The first character of `value` above `max`, or undefined. */
export function firstCharacterAbove(value: string, max: number): OutsideCharacter | undefined {
  let position = 0
  for (const char of value) {
    position++
    if ((char.codePointAt(0) ?? 0) > max) return { char, position }
  }
  return undefined
}

const INVISIBLE = /^[\p{C}\p{Z}\p{M}]$/u

/** A character for a message: `'€' (U+20AC)`, or only `U+200B` for one that cannot be seen (spaces, controls, marks). */
export function describeCharacter(char: string): string {
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  return INVISIBLE.test(char) ? code : `'${char}' (${code})`
}
