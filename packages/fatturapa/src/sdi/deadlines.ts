import { romeDay } from '../checks/dates.ts'

/*
 * The legal windows around an invoice file (FACTS.md §7, [M]: from the rules as known, not re-read in the official
 * PDFs here). Days are calendar days in Italy; a deadline is the last day on which the act is in time, so an
 * invoice dated 2026-01-10 may be transmitted until the end of 2026-01-22.
 */

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/

/** Deferred invoices (fattura differita): issued by the 15th of the month after the deliveries or services. */
const DEFERRED = new Set(['TD24', 'TD25'])

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date)
  if (match === null) throw new RangeError(`not a date: '${date}'`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10)
}

function plusDays(date: string, days: number): string {
  const [year, month, day] = parts(date)
  return iso(year, month, day + days)
}

/**
 * The last day to transmit an invoice to SdI: 12 days after its date (art. 21 c.4 DPR 633/72, from 2019-07-01),
 * or for a deferred invoice (TD24, TD25) the 15th of the month after its date.
 */
export function transmissionDeadline(tipoDocumento: string, data: string): string {
  if (!DEFERRED.has(tipoDocumento)) return plusDays(data, 12)
  const [year, month] = parts(data)
  return iso(year, month + 1, 15)
}

/** The last day to send the corrected file for a rejected one (NS): 5 days after the rejection (Circolare 13/E/2018). */
export function resubmissionDeadline(rejectedOn: string): string {
  return plusDays(rejectedOn, 5)
}

/** The last day for a public administration's outcome (EC) on an invoice delivered on `deliveredOn`: 15 days. */
export function outcomeDeadline(deliveredOn: string): string {
  return plusDays(deliveredOn, 15)
}

/** The calendar day in Italy of an instant (Europe/Rome), as SdI counts days. */
export { romeDay as italianDay }

/** The end of a deadline day in Italy, as an instant: time left is measured to it. */
export function endOfItalianDay(day: string): Date {
  const [year, month, date] = parts(day)
  // Europe/Rome is UTC+1 or UTC+2 and never switches at midnight: the day ends at 22:00 UTC in summer time, when
  // that is already the next day in Rome, else at 23:00 UTC.
  const summerEnd = new Date(Date.UTC(year, month - 1, date, 22))
  return romeDay(summerEnd) === iso(year, month, date + 1) ? summerEnd : new Date(Date.UTC(year, month - 1, date, 23))
}
