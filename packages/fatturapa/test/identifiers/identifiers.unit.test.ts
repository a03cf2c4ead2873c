import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkCodiceFiscale, codiceFiscaleCheckLetter, withoutOmocodia } from '../../src/identifiers/codice-fiscale.ts'
import { checkPartitaIva, elevenDigitCheckDigit } from '../../src/identifiers/partita-iva.ts'

const OMOCODIA = 'LMNPQRSTUV'

/** Replaces the last `n` digits (from the right, as the Agenzia does) by omocodia letters and fixes the check letter. */
function omocodic(code: string, n: number): string {
  const chars = [...code.slice(0, 15)]
  for (const position of [14, 13, 12, 10, 9, 7, 6].slice(0, n)) chars[position] = OMOCODIA[Number(chars[position])]!
  const body = chars.join('')
  return body + codiceFiscaleCheckLetter(body)
}

describe('partita IVA', () => {
  it.each(['12345678903', '00743110157', '07643520567', '02313821007'])('accepts %s', (value) => {
    expect(checkPartitaIva(value)).toBeUndefined()
  })

  it.each([
    ['01234567890', 'check-digit'], // the official samples' fictitious number
    ['1234567890', 'format'],
    ['123456789012', 'format'],
    ['1234567890A', 'format'],
    [' 2345678903', 'format'],
    ['00000000000', 'all-zero'],
  ])('rejects %s as %s', (value, problem) => {
    expect(checkPartitaIva(value)).toBe(problem)
  })

  it('detects every single-digit error', () => {
    const valid = '00743110157'
    for (let position = 0; position < 11; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = valid.slice(0, position) + digit + valid.slice(position + 1)
        if (changed !== valid) expect(checkPartitaIva(changed), changed).toBe('check-digit')
      }
    }
  })

  it('accepts any ten digits followed by their check digit, and no other last digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10}$/), (firstTen) => {
        const check = elevenDigitCheckDigit(firstTen)
        fc.pre(firstTen !== '0000000000')
        expect(checkPartitaIva(`${firstTen}${check}`)).toBeUndefined()
        expect(checkPartitaIva(`${firstTen}${(check + 1) % 10}`)).toBe('check-digit')
      }),
    )
  })
})

describe('codice fiscale', () => {
  it.each(['RSSMRA85T10A562S', 'MRTMTT25D09F205Z', 'RSSMRA80A01H501U'])('accepts %s', (value) => {
    expect(checkCodiceFiscale(value)).toBeUndefined()
  })

  it('accepts a woman’s code, whose day is 40 more', () => {
    const body = 'BNCLRA90E52F205'
    expect(checkCodiceFiscale(body + codiceFiscaleCheckLetter(body))).toBeUndefined()
  })

  it.each([1, 2, 3, 4, 5, 6, 7])('accepts omocodia with %i digits replaced, and decodes it', (n) => {
    const code = omocodic('RSSMRA85T10A562S', n)
    expect(code).not.toBe('RSSMRA85T10A562S')
    expect(checkCodiceFiscale(code)).toBeUndefined()
    expect(withoutOmocodia(code).slice(0, 15)).toBe('RSSMRA85T10A562')
  })

  it('takes an 11-digit numeric code as a company’s, checked like a VAT number', () => {
    expect(checkCodiceFiscale('00743110157')).toBeUndefined()
    expect(checkCodiceFiscale('00743110158')).toBe('check-digit')
  })

  it.each([
    ['RSSMRA85T10A562T', 'check-letter'],
    ['rssmra85t10a562s', 'format'],
    ['RSSMRA85T10A562', 'format'],
    ['RSSMRA85F10A562S', 'format'], // F is not a month letter
    ['RSSMRA85T1OA562S', 'format'], // letter O where a digit belongs
    ['RSSMRA85B30A562S', 'date'], // 30 February
    ['RSSMRA85T32A562S', 'date'],
    ['RSSMRA85T00A562S', 'date'],
    ['RSSMRA85T72A562S', 'date'],
  ])('rejects %s as %s', (value, problem) => {
    expect(checkCodiceFiscale(value)).toBe(problem)
  })

  it('detects a changed character wherever the check tables tell the two apart', () => {
    const valid = 'RSSMRA85T10A562S'
    let detected = 0
    let changes = 0
    for (let position = 0; position < 15; position++) {
      for (const char of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        const changed = valid.slice(0, position) + char + valid.slice(position + 1)
        const problem = checkCodiceFiscale(changed)
        if (changed === valid || problem === 'format' || problem === 'date') continue
        changes++
        if (problem === 'check-letter') detected++
      }
    }
    // Odd-position values are not all distinct (0 and A both count 1), so a few substitutions go unseen.
    expect(detected / changes).toBeGreaterThan(0.95)
  })
})
