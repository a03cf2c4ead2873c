/*
 * Exact decimal arithmetic for the FatturaPA amounts: a value is a bigint counting units of 10^-8, the finest precision
 * the schema allows (Amount8DecimalType, QuantitaType). JavaScript numbers are never used: 1.1 × 3 is 3.30 here, not
 * 3.3000000000000003, which matters when a difference is compared with a tolerance of one cent.
 */

/** A decimal as an integer number of 10^-8 units ("1.50" is 150_000_000n). */
export type Scaled = bigint

/** 1 (one euro, one unit) as a Scaled value. */
export const ONE: Scaled = 100_000_000n
/** 0.01 (one cent) as a Scaled value. */
export const CENT: Scaled = 1_000_000n

const DECIMAL = /^(-?)([0-9]+)(?:\.([0-9]{1,8}))?$/

/**
 * The Scaled value of a decimal written as the schema writes them (optional minus, digits, up to 8 decimals), or
 * undefined for anything else: content checks run on schema-valid files, a malformed number is the parser's 00200.
 */
export function toScaled(text: string): Scaled | undefined {
  const match = DECIMAL.exec(text)
  if (match === null) return undefined
  const [, sign = '', units = '0', decimals = ''] = match
  const value = BigInt(units) * ONE + BigInt(decimals.padEnd(8, '0'))
  return sign === '-' ? -value : value
}

/**
 * numerator / divisor (divisor > 0) rounded half away from zero: 0.005 → 0.01 and -0.005 → -0.01, the commercial
 * rounding the Italian rules ask for (third decimal 5 or more rounds up, in absolute value), never banker's rounding.
 */
export function divideRounded(numerator: bigint, divisor: bigint): bigint {
  const quotient = numerator / divisor // truncates toward zero
  const remainder = numerator % divisor // same sign as numerator
  const twice = 2n * (remainder < 0n ? -remainder : remainder)
  if (twice < divisor) return quotient
  return numerator < 0n ? quotient - 1n : quotient + 1n
}

/** a × b, rounded half away from zero to 8 decimals. */
export function multiply(a: Scaled, b: Scaled): Scaled {
  return divideRounded(a * b, ONE)
}

/** amount × percent / 100, rounded half away from zero to 8 decimals. */
export function percentOf(amount: Scaled, percent: Scaled): Scaled {
  return divideRounded(amount * percent, ONE * 100n)
}

/** The value rounded half away from zero to 2 decimals (cents). */
export function roundToCents(value: Scaled): Scaled {
  return divideRounded(value, CENT) * CENT
}

/** |a - b|. */
export function distance(a: Scaled, b: Scaled): Scaled {
  return a > b ? a - b : b - a
}

/** The sum of the values. */
export function sum(values: Iterable<Scaled>): Scaled {
  let total = 0n
  for (const value of values) total += value
  return total
}

/** The value as text with at least 2 and at most 8 decimals, trailing zeros beyond the second removed. */
export function formatScaled(value: Scaled): string {
  const negative = value < 0n
  const magnitude = negative ? -value : value
  const units = magnitude / ONE
  const decimals = (magnitude % ONE)
    .toString()
    .padStart(8, '0')
    .replace(/0{1,6}$/, '')
  return `${negative ? '-' : ''}${units.toString()}.${decimals.padEnd(2, '0')}`
}
