/**
 * Check digit of an 11-digit Italian number (partita IVA, and the numeric codice fiscale of companies and other
 * non-natural persons): the Luhn scheme over the first ten digits — odd positions taken as they are, even positions
 * doubled with 9 subtracted above 9 — and the eleventh digit makes the sum a multiple of 10.
 */
export function elevenDigitCheckDigit(firstTen: string): number {
  let sum = 0
  for (let i = 0; i < 10; i++) {
    const digit = firstTen.charCodeAt(i) - 48
    if (i % 2 === 0) sum += digit
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2
  }
  return (10 - (sum % 10)) % 10
}

export type PartitaIvaProblem = 'format' | 'check-digit' | 'all-zero'

/**
 * Whether `value` can be an Italian VAT number: 11 digits, not all zero, with a valid check digit. Only the
 * Anagrafe Tributaria knows whether it is registered and active (SdI's 00301/00305); this is what the file alone
 * tells.
 */
export function checkPartitaIva(value: string): PartitaIvaProblem | undefined {
  if (!/^[0-9]{11}$/.test(value)) return 'format'
  if (value === '00000000000') return 'all-zero'
  return elevenDigitCheckDigit(value) === value.charCodeAt(10) - 48 ? undefined : 'check-digit'
}
