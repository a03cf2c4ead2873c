/*
 * Calendar dates as FatturaPA writes them (xs:date: the year may have more than 4 digits, a time zone may follow).
 * The checks compare the calendar date as written and ignore any time zone: SdI reads 2.1.1.3 <Data> as a day.
 */

const DATE = /^([0-9]{4,})-([0-9]{2})-([0-9]{2})/

interface CalendarDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

function calendarDate(text: string): CalendarDate | undefined {
  const match = DATE.exec(text)
  if (match === null) return undefined
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
}

/** The year of an xs:date, undefined when the text is not one. */
export function yearOf(text: string): number | undefined {
  return calendarDate(text)?.year
}

/** The calendar date of an xs:date without its time zone ("2025-01-31+01:00" → "2025-01-31"). */
export function dayOf(text: string): string | undefined {
  const match = DATE.exec(text)
  return match === null ? undefined : match[0]
}

/**
 * Negative, zero or positive as date a is before, on or after date b (numbers compared, so year 10000 is after 9999);
 * undefined when either is not a date.
 */
export function compareDates(a: string, b: string): number | undefined {
  const x = calendarDate(a)
  const y = calendarDate(b)
  if (x === undefined || y === undefined) return undefined
  return x.year - y.year || x.month - y.month || x.day - y.day
}

// SdI is in Italy: an invoice dated today must not be "in the future" because the file arrived at 00:30 Rome time,
// which is still yesterday in UTC. en-CA formats as YYYY-MM-DD.
const ROME_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar day (YYYY-MM-DD) of an instant in Italy (Europe/Rome, daylight saving time included). */
export function romeDay(instant: Date): string {
  return ROME_DAY.format(instant)
}
