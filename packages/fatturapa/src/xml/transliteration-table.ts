/*
 * Replacements for characters that FatturaPA's Latin string types refuse but that mean something a Latin-1 (or ASCII)
 * text can say: what word processors and spreadsheets put in invoices (typographic punctuation, the euro sign, odd
 * spaces, windows-1252 extras). Every replacement is plain ASCII, so it fits both the Latin-1 and the ASCII types.
 * Characters that carry meaning no equivalent keeps (‰, †, arrows, other scripts, emoji) are left to be reported.
 */

const groups: readonly (readonly [string, readonly string[]])[] = [
  // Single quotes, apostrophes and primes: ‘ ’ ‚ ‛ ′ ʼ
  ["'", ['\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC']],
  // Double quotes and double prime: “ ” „ ‟ ″
  ['"', ['\u201C', '\u201D', '\u201E', '\u201F', '\u2033']],
  // Hyphens, dashes and the minus sign: ‐ ‑ ‒ – — ― −
  ['-', ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']],
  // Bullets: • ‣ ⁃ ◦
  ['-', ['\u2022', '\u2023', '\u2043', '\u25E6']],
  ['...', ['\u2026']],
  ['EUR', ['\u20AC']],
  ['TM', ['\u2122']],
  // Spaces: no-break (only outside Latin-1 types), en quad .. hair space, narrow no-break, medium mathematical,
  // ideographic.
  [
    ' ',
    [
      '\u00A0',
      '\u2000',
      '\u2001',
      '\u2002',
      '\u2003',
      '\u2004',
      '\u2005',
      '\u2006',
      '\u2007',
      '\u2008',
      '\u2009',
      '\u200A',
      '\u202F',
      '\u205F',
      '\u3000',
    ],
  ],
  // Invisible: zero-width space, word joiner, zero-width no-break space (a stray BOM).
  ['', ['\u200B', '\u2060', '\uFEFF']],
  // Line and paragraph separators become line feeds.
  ['\n', ['\u2028', '\u2029']],
  // windows-1252 extras with no diacritic to strip: ƒ ˆ ˜
  ['f', ['\u0192']],
  ['^', ['\u02C6']],
  ['~', ['\u02DC']],
  // Latin letters that do not decompose into a base letter and marks.
  ['oe', ['\u0153']],
  ['OE', ['\u0152']],
  ['ij', ['\u0133']],
  ['IJ', ['\u0132']],
  ['l', ['\u0142', '\u0140']],
  ['L', ['\u0141', '\u013F']],
  ['d', ['\u0111']],
  ['D', ['\u0110']],
  ['h', ['\u0127']],
  ['H', ['\u0126']],
  ['i', ['\u0131']],
  ['t', ['\u0167']],
  ['T', ['\u0166']],
]

/** Character → replacement, for the explicit cases (letters with diacritics are handled by decomposition). */
export const TRANSLITERATIONS: ReadonlyMap<string, string> = new Map(
  groups.flatMap(([replacement, chars]) => chars.map((char) => [char, replacement] as const)),
)

const COMBINING_MARKS = /^[\u0300-\u036F]+$/

/**
 * A Latin letter with diacritics outside Latin-1 (Latin Extended-A/B, Latin Extended Additional: š ž č ő ř ş Ÿ ...)
 * as its ASCII base letter, when its canonical decomposition is exactly that letter plus combining marks.
 */
export function baseLetter(char: string): string | undefined {
  const code = char.codePointAt(0) ?? 0
  if (!((code >= 0x100 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff))) return undefined
  const decomposed = char.normalize('NFD')
  const base = decomposed.charAt(0)
  if (!/^[A-Za-z]$/.test(base) || !COMBINING_MARKS.test(decomposed.slice(1))) return undefined
  return base
}
