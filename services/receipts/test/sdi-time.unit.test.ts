import { describe, expect, it } from 'vitest'
import { sdiInstant, startOfItalianDay } from '../src/domain/sdi-time.ts'

describe('sdiInstant', () => {
  it.each([
    ['2013-06-06T12:00:00Z', '2013-06-06T12:00:00.000Z'],
    ['2026-03-10T10:05:00+01:00', '2026-03-10T09:05:00.000Z'],
    ['2026-03-10T10:05:00.250-02:00', '2026-03-10T12:05:00.250Z'],
    // No zone: Italian time, winter (UTC+1) and summer (UTC+2).
    ['2014-01-15T12:00:00', '2014-01-15T11:00:00.000Z'],
    ['2013-06-06T12:00:00', '2013-06-06T10:00:00.000Z'],
    ['2013-06-06T12:00:00.5', '2013-06-06T10:00:00.500Z'],
    // The hour skipped in spring does not exist in Rome: read as winter time.
    ['2026-03-29T02:30:00', '2026-03-29T01:30:00.000Z'],
  ])('%s → %s', (input, expected) => expect(sdiInstant(input)).toBe(expected))

  it.each(['', 'yesterday', '2013-06-06', '2013-13-45T99:00:00', '2013-06-06T12:00:00+25:00'])('refuses %j', (input) =>
    expect(sdiInstant(input)).toBeUndefined(),
  )
})

describe('startOfItalianDay', () => {
  it.each([
    ['2026-07-11', '2026-07-10T22:00:00.000Z'],
    ['2026-01-11', '2026-01-10T23:00:00.000Z'],
  ])('%s → %s', (input, expected) => expect(startOfItalianDay(input)).toBe(expected))

  it('refuses a date-time', () => expect(startOfItalianDay('2026-01-11T00:00:00')).toBeUndefined())
})
