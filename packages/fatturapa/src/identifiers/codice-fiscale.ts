import { checkPartitaIva, type PartitaIvaProblem } from './partita-iva.ts'

// Values of a character in an odd (1st, 3rd, ...) position of the codice fiscale, for 0-9 then A-Z.
const ODD_DIGITS = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
const ODD_LETTERS = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]

// Omocodia: when two people would share a code, digits are replaced, from the right, by these letters (0 to 9).
const OMOCODIA_LETTERS = 'LMNPQRSTUV'
const OMOCODIA_POSITIONS = [6, 7, 9, 10, 12, 13, 14]

const MONTH_LETTERS = 'ABCDEHLMPRST'

// 6 letters (surname, name), year, month letter, day (+40 for women), municipality letter + 3 digits, check letter;
// each digit may be an omocodia letter.
const PERSONAL_FORMAT = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/

function valueOf(char: string, odd: boolean): number {
  const code = char.charCodeAt(0)
  const isDigit = code >= 48 && code <= 57
  if (odd) return isDigit ? ODD_DIGITS[code - 48]! : ODD_LETTERS[code - 65]!
  return isDigit ? code - 48 : code - 65
}

/** The check letter of the first 15 characters of a natural person's codice fiscale. */
export function codiceFiscaleCheckLetter(firstFifteen: string): string {
  let sum = 0
  for (let i = 0; i < 15; i++) sum += valueOf(firstFifteen[i]!, i % 2 === 0)
  return String.fromCharCode(65 + (sum % 26))
}

/** The code with omocodia letters turned back into the digits they replace. */
export function withoutOmocodia(code: string): string {
  const chars = [...code]
  for (const position of OMOCODIA_POSITIONS) {
    const index = OMOCODIA_LETTERS.indexOf(chars[position]!)
    if (index >= 0) chars[position] = String(index)
  }
  return chars.join('')
}

export type CodiceFiscaleProblem = PartitaIvaProblem | 'date' | 'check-letter'

/**
 * Whether `value` can be an Italian codice fiscale: a natural person's 16-character code (omocodia included, with
 * a plausible month and day and a valid check letter) or an 11-digit numeric code (companies, bodies) with a
 * valid check digit. Whether it exists is for the Anagrafe Tributaria (SdI's 00300/00306).
 */
export function checkCodiceFiscale(value: string): CodiceFiscaleProblem | undefined {
  if (value.length === 11) return checkPartitaIva(value)
  if (!PERSONAL_FORMAT.test(value)) return 'format'
  const plain = withoutOmocodia(value)
  const month = MONTH_LETTERS.indexOf(plain[8]!)
  const day = Number(plain.slice(9, 11))
  const dayOfMonth = day > 40 ? day - 40 : day
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]!
  if (dayOfMonth < 1 || dayOfMonth > daysInMonth) return 'date'
  return codiceFiscaleCheckLetter(value) === value[15] ? undefined : 'check-letter'
}
