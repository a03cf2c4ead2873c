import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareDates, dayOf, romeDay, yearOf } from '../../src/checks/dates.ts'
import {
  CENT,
  ONE,
  divideRounded,
  formatScaled,
  multiply,
  percentOf,
  roundToCents,
  sum,
  toScaled,
} from '../../src/checks/decimal.ts'
import { comparePaths } from '../../src/checks/paths.ts'

const d = (text: string) => toScaled(text)!

describe('toScaled', () => {
  it.each([
    ['22.00', 2_200_000_000n],
    ['-1.50', -150_000_000n],
    ['0.00000001', 1n],
    ['12345678901.12345678', 1_234_567_890_112_345_678n],
    ['7', 700_000_000n],
    ['-0.00', 0n],
  ])('reads %s', (text, value) => {
    expect(toScaled(text)).toBe(value)
  })

  it.each(['', 'abc', '1.123456789', '+1.00', '1,50', ' 1.00', '1.', '.5', '1e3'])('refuses %j', (text) => {
    expect(toScaled(text)).toBeUndefined()
  })
})

describe('rounding is half away from zero', () => {
  it.each([
    [5n, 10n, 1n],
    [-5n, 10n, -1n],
    [4n, 10n, 0n],
    [-4n, 10n, 0n],
    [15n, 10n, 2n],
    [25n, 10n, 3n], // half-even would give 2
    [-25n, 10n, -3n],
    [0n, 7n, 0n],
  ])('%i / %i = %i', (numerator, divisor, result) => {
    expect(divideRounded(numerator, divisor)).toBe(result)
  })

  it.each([
    ['1.005', '1.01'],
    ['-1.005', '-1.01'],
    ['2.675', '2.68'], // Math.round(2.675 * 100) / 100 is 2.67 in floating point
    ['1.00499999', '1.00'],
    ['-1.00499999', '-1.00'],
    ['0.125', '0.13'], // half-even would give 0.12
  ])('to cents: %s → %s', (value, cents) => {
    expect(roundToCents(d(value))).toBe(d(cents))
  })

  it('is the nearest integer, ties away from zero (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, k) => {
          const q = divideRounded(n, k)
          const error = n - q * k // n/k - q, times k
          const twice = 2n * (error < 0n ? -error : error)
          expect(twice <= k).toBe(true)
          // a tie goes away from zero: q × k lies beyond n
          if (twice === k) expect(n > 0n ? q * k > n : q * k < n).toBe(true)
        },
      ),
    )
  })
})

describe('exact arithmetic', () => {
  it('multiplies without floating-point error', () => {
    expect(multiply(d('1.10'), d('3.00'))).toBe(d('3.30'))
    expect(sum([d('0.10'), d('0.20')])).toBe(d('0.30'))
  })

  it('rounds a product to 8 decimals', () => {
    // 0.33333333 × 3.33333333 = 1.1111110988888889
    expect(multiply(d('0.33333333'), d('3.33333333'))).toBe(d('1.11111110'))
    expect(multiply(d('-0.33333333'), d('3.33333333'))).toBe(d('-1.11111110'))
  })

  it('takes percentages', () => {
    expect(percentOf(d('10.05'), d('10.00'))).toBe(d('1.005'))
    expect(percentOf(d('-100.00'), d('22.00'))).toBe(d('-22.00'))
  })

  it('has one euro and one cent', () => {
    expect(ONE).toBe(d('1.00'))
    expect(CENT).toBe(d('0.01'))
  })

  it.each([
    ['3.3', '3.30'],
    ['-0.005', '-0.005'],
    ['1.12345678', '1.12345678'],
    ['0', '0.00'],
    ['-1.5', '-1.50'],
    ['0.0000001', '0.0000001'],
  ])('formats %s as %s', (value, text) => {
    expect(formatScaled(d(value))).toBe(text)
  })
})

describe('dates', () => {
  it('compares calendar dates, years of any length, ignoring time zones', () => {
    expect(compareDates('2025-01-31', '2025-02-01')).toBeLessThan(0)
    expect(compareDates('10000-01-01', '9999-12-31')).toBeGreaterThan(0)
    expect(compareDates('2025-01-31+01:00', '2025-01-31Z')).toBe(0)
    expect(compareDates('not a date', '2025-01-01')).toBeUndefined()
    expect(dayOf('2025-01-31-05:00')).toBe('2025-01-31')
    expect(yearOf('2025-12-31')).toBe(2025)
  })

  it.each([
    ['2025-06-30T21:59:59Z', '2025-06-30'], // 23:59:59 CEST
    ['2025-06-30T22:00:00Z', '2025-07-01'], // midnight CEST
    ['2025-01-31T22:59:59Z', '2025-01-31'], // 23:59:59 CET
    ['2025-01-31T23:00:00Z', '2025-02-01'],
  ])('the Rome day of %s is %s', (instant, day) => {
    expect(romeDay(new Date(instant))).toBe(day)
  })
})

describe('comparePaths', () => {
  it('orders indexes as numbers and the root first', () => {
    const paths = [
      'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[10].AliquotaIVA',
      'FatturaElettronicaBody[10].DatiGenerali',
      'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[2].Natura',
      '',
      'FatturaElettronicaBody[2].DatiGenerali',
      'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[2].AliquotaIVA',
      'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[2]',
    ]
    expect([...paths].sort(comparePaths)).toEqual([
      '',
      'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[2]',
      'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[2].AliquotaIVA',
      'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[2].Natura',
      'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[10].AliquotaIVA',
      'FatturaElettronicaBody[2].DatiGenerali',
      'FatturaElettronicaBody[10].DatiGenerali',
    ])
  })
})
