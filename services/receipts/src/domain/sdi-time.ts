/*
 * SdI writes xsd:dateTime values with or without a zone (the official samples have both). One without is read as
 * Italian time, the clock SdI runs on; events carry instants in UTC.
 */

const WITH_ZONE = /(Z|[+-][0-9]{2}:[0-9]{2})$/
const LOCAL = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?$/

const ROME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

function romeWallClock(instant: Date): string {
  const parts = Object.fromEntries(ROME.formatToParts(instant).map((part) => [part.type, part.value]))
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`
}

/** An SdI xsd:dateTime as an ISO instant in UTC; undefined when it is not one. */
export function sdiInstant(value: string): string | undefined {
  const text = value.trim()
  if (WITH_ZONE.test(text)) {
    const instant = new Date(text)
    return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString()
  }
  const match = LOCAL.exec(text)
  if (match === null) return undefined
  const wall = text.slice(0, 19)
  const fraction = match[7] ?? ''
  // Europe/Rome is UTC+1 or UTC+2: the offset whose instant reads as this wall clock in Rome.
  for (const offset of ['+01:00', '+02:00']) {
    const instant = new Date(`${wall}${fraction}${offset}`)
    if (!Number.isNaN(instant.getTime()) && romeWallClock(instant) === wall) return instant.toISOString()
  }
  // A wall clock that does not exist in Rome (the hour skipped in spring): read as winter time.
  const instant = new Date(`${wall}${fraction}+01:00`)
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString()
}

/** The start of an Italian calendar day (an xsd:date), as an ISO instant. */
export function startOfItalianDay(date: string): string | undefined {
  return /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date) ? sdiInstant(`${date}T00:00:00`) : undefined
}
