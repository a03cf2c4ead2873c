import { describe, expect, it } from 'vitest'
import {
  endOfItalianDay,
  italianDay,
  outcomeDeadline,
  resubmissionDeadline,
  transmissionDeadline,
} from '../../src/sdi/deadlines.ts'

describe('legal deadlines (FACTS.md §7)', () => {
  it.each([
    ['TD01', '2026-01-10', '2026-01-22'],
    ['TD01', '2026-02-20', '2026-03-04'],
    ['TD01', '2024-02-20', '2024-03-03'],
    ['TD04', '2026-12-25', '2027-01-06'],
    ['TD24', '2026-01-31', '2026-02-15'],
    ['TD25', '2026-12-03', '2027-01-15'],
    ['TD24', '2026-01-31+01:00', '2026-02-15'],
  ])('%s dated %s: transmit by %s', (tipo, data, deadline) => {
    expect(transmissionDeadline(tipo, data)).toBe(deadline)
  })

  it('gives 5 days to resubmit after a rejection and 15 for a public administration’s outcome', () => {
    expect(resubmissionDeadline('2026-12-29')).toBe('2027-01-03')
    expect(outcomeDeadline('2026-02-14')).toBe('2026-03-01')
  })

  it('refuses what is not a date', () => {
    expect(() => transmissionDeadline('TD01', '10/01/2026')).toThrow(RangeError)
  })

  it('counts days in Italy: 23:30 UTC on 31 December is already 1 January in Rome', () => {
    expect(italianDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01')
    expect(italianDay(new Date('2026-07-31T21:59:00Z'))).toBe('2026-07-31')
  })

  it('ends a deadline day at midnight in Rome, in winter and in summer time', () => {
    expect(endOfItalianDay('2026-01-22').toISOString()).toBe('2026-01-22T23:00:00.000Z')
    expect(endOfItalianDay('2026-07-22').toISOString()).toBe('2026-07-22T22:00:00.000Z')
  })
})
