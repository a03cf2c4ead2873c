import { describe, expect, it } from 'vitest'
import { deadlineView, fileDeadline } from '../src/domain/deadline.ts'

const one = (type: string, date: string) => fileDeadline([{ type, date }])

describe('fileDeadline: the last day to transmit a file', () => {
  it.each([
    ['TD01', '2026-01-10', '2026-01-22'],
    ['TD01', '2026-01-31', '2026-02-12'],
    ['TD01', '2026-01-20', '2026-02-01'],
    ['TD01', '2026-02-20', '2026-03-04'],
    ['TD01', '2024-02-20', '2024-03-03'],
    ['TD01', '2024-02-29', '2024-03-12'],
    ['TD04', '2026-04-30', '2026-05-12'],
    ['TD01', '2026-12-25', '2027-01-06'],
    ['TD24', '2026-01-31', '2026-02-15'],
    ['TD24', '2026-01-01', '2026-02-15'],
    ['TD25', '2026-02-28', '2026-03-15'],
    ['TD24', '2026-12-10', '2027-01-15'],
    ['TD25', '2026-12-31', '2027-01-15'],
  ])('%s dated %s: %s', (type, date, deadline) => {
    expect(one(type, date)).toBe(deadline)
  })

  it('reads the day of a date written with a time zone', () => {
    expect(one('TD01', '2026-01-10+01:00')).toBe('2026-01-22')
  })

  it('takes the earliest deadline of a lotto, which goes to SdI whole', () => {
    const lotto = [
      { type: 'TD01', date: '2026-03-10' },
      { type: 'TD24', date: '2026-02-28' },
      { type: 'TD01', date: '2026-03-12' },
    ]
    expect(fileDeadline(lotto)).toBe('2026-03-15')
  })

  it('has none when no document has a readable date', () => {
    expect(fileDeadline([])).toBeUndefined()
    expect(
      fileDeadline([
        { type: 'TD01', date: '' },
        { type: 'TD01', date: '10/01/2026' },
      ]),
    ).toBeUndefined()
  })
})

describe('deadlineView: the deadline and the time left', () => {
  it('ends the day at midnight in Italy, in winter and in summer time', () => {
    expect(deadlineView('2026-03-28', new Date(0), false).dueAt).toBe('2026-03-28T23:00:00.000Z')
    expect(deadlineView('2026-03-29', new Date(0), false).dueAt).toBe('2026-03-29T22:00:00.000Z')
    expect(deadlineView('2026-10-24', new Date(0), false).dueAt).toBe('2026-10-24T22:00:00.000Z')
    expect(deadlineView('2026-10-25', new Date(0), false).dueAt).toBe('2026-10-25T23:00:00.000Z')
  })

  it('counts the seconds left, negative and overdue once the day is over', () => {
    const before = deadlineView('2026-01-22', new Date('2026-01-22T22:59:00Z'), false)
    expect(before).toEqual({ date: '2026-01-22', dueAt: '2026-01-22T23:00:00.000Z', secondsLeft: 60, overdue: false })
    const after = deadlineView('2026-01-22', new Date('2026-01-22T23:00:01Z'), false)
    expect(after).toMatchObject({ secondsLeft: -1, overdue: true })
  })

  it('has no time left to count once the file reached SdI', () => {
    expect(deadlineView('2026-01-22', new Date('2026-02-01T00:00:00Z'), true)).toMatchObject({
      secondsLeft: null,
      overdue: false,
    })
  })
})
