import { CliUsageError } from './errors.ts'

// A time needs its offset: without one, the same text would mean different instants on different machines.
const INSTANT = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/

/**
 * An ISO 8601 date or date-time with offset. A date alone means 12:00 UTC that day, as in `varco validate`: noon UTC
 * falls on the same calendar day in Italy (UTC+1/+2).
 */
export function parseInstant(value: string, option: string): Date {
  const match = INSTANT.exec(value)
  const date = match === null ? undefined : new Date(match[2] === undefined ? `${match[1]}T12:00:00Z` : value)
  // Date.parse rolls 2026-02-30 over to March: a date alone must read back as written.
  const rolledOver = match?.[2] === undefined && date?.toISOString().slice(0, 10) !== match?.[1]
  if (date === undefined || Number.isNaN(date.getTime()) || rolledOver) {
    throw new CliUsageError(
      `${option} takes an ISO date or date-time with offset (2026-11-23, 2026-11-23T10:15:00+01:00), not '${value}'`,
    )
  }
  return date
}
