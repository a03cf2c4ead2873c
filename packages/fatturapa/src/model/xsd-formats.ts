import { Format } from 'typebox/format'

/**
 * Checks that regular expressions cannot express, registered as TypeBox string formats. The registry is global, so the
 * names are prefixed; registration happens when this module is first imported, before any validator is compiled
 * (TypeBox inlines the format function at compile time).
 */
export const XsdFormat = {
  /**
   * xs:date: the day exists in that month (2023-02-29 is not a date). Only the calendar: a value of the wrong shape
   * passes here and fails the pattern that goes with it, so it is reported once, as a pattern error.
   */
  date: 'fatturapa-xsd-date',
  /** xs:dateTime: the day exists (same split with the pattern as for dates). */
  dateTime: 'fatturapa-xsd-datetime',
  /** xs:base64Binary (whitespace ignored): groups of four, correct padding and pad bits. */
  base64: 'fatturapa-xsd-base64',
} as const

// Years: XSD 1.0 has no year 0000; leading zeros only up to four digits.
const YEAR = '-?(?:[1-9][0-9]{3,}|0(?:[1-9][0-9]{2}|0[1-9][0-9]|00[1-9]))'
const MONTH_DAY = '(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
const TIME = 'T(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)'
const TIMEZONE = '(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?'

/** Lexical pattern of xs:date, anchored. */
export const XSD_DATE_PATTERN = `^${YEAR}-${MONTH_DAY}${TIMEZONE}$`
/**
 * xs:date from 1970-01-01 on (DataFatturaType's minInclusive): no sign, year 1970 or later. The minimum has no
 * timezone, so 1970-01-01 with one compares as libxml2 does: valid only when the instant is later (UTC-hh:mm), not at
 * UTC or ahead of it (Z, +hh:mm, -00:00: equal or earlier, or indeterminate in XSD terms).
 */
export const XSD_DATE_FROM_1970_PATTERN = `^(?!1970-01-01(?:Z|\\+|-00:00))(?:19[7-9][0-9]|[2-9][0-9]{3}|[1-9][0-9]{4,})-${MONTH_DAY}${TIMEZONE}$`
/** Lexical pattern of xs:dateTime, anchored. */
export const XSD_DATE_TIME_PATTERN = `^${YEAR}-${MONTH_DAY}${TIME}${TIMEZONE}$`

const DATE_PARTS = new RegExp(`^(${YEAR})-${MONTH_DAY}`)
const DATE = new RegExp(XSD_DATE_PATTERN)
const DATE_TIME = new RegExp(XSD_DATE_TIME_PATTERN)

function dayExists(value: string): boolean {
  const parts = DATE_PARTS.exec(value)
  if (parts === null) return false
  const year = Number(parts[1])
  const month = Number(parts[2])
  const day = Number(parts[3])
  if (day <= 28) return true
  if (month === 2) return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31)
}

function isBase64Char(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b ||
    code === 0x2f
  )
}

const BASE64_INDEX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** A loop rather than a regex: attachments are megabytes long and backtracking regexes on them are a risk. */
export function isXsdBase64(value: string): boolean {
  let count = 0
  let pads = 0
  let last = -1
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) continue
    if (code === 0x3d) {
      pads++
      count++
      if (pads > 2) return false
      continue
    }
    if (pads > 0 || !isBase64Char(code)) return false
    last = code
    count++
  }
  if (count % 4 !== 0) return false
  // The bits beyond the encoded bytes must be zero (XSD's B16 and B04 character sets before the padding).
  if (pads === 1) return BASE64_INDEX.indexOf(String.fromCharCode(last)) % 4 === 0
  if (pads === 2) return BASE64_INDEX.indexOf(String.fromCharCode(last)) % 16 === 0
  return true
}

Format.Set(XsdFormat.date, (value) => !DATE.test(value) || dayExists(value))
Format.Set(XsdFormat.dateTime, (value) => !DATE_TIME.test(value) || dayExists(value))
Format.Set(XsdFormat.base64, isXsdBase64)
