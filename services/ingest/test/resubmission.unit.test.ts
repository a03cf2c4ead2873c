import { describe, expect, it } from 'vitest'
import { identityDifferences, resubmissionRefusal, resubmissionWindow } from '../src/domain/resubmission.ts'

const rejection = {
  errors: [{ code: '00404', description: 'Duplicata' }],
  rejectedAt: '2026-07-01T08:00:00.000Z',
  messageFileName: 'IT01234567890_0000A_NS_001.xml',
  resubmitBy: '2026-07-06',
}

describe('the resubmission window', () => {
  it('stays open through the whole last day in Italy, summer time', () => {
    // 21:59 UTC is 23:59 in Rome on the 6th; 22:00 UTC is already the 7th there.
    expect(resubmissionWindow('2026-07-06', new Date('2026-07-06T21:59:59Z'))).toEqual({
      resubmitBy: '2026-07-06',
      dueAt: '2026-07-06T22:00:00.000Z',
      open: true,
    })
    expect(resubmissionWindow('2026-07-06', new Date('2026-07-06T22:00:00Z')).open).toBe(false)
  })

  it('ends at 23:00 UTC in winter', () => {
    expect(resubmissionWindow('2026-01-10', new Date('2026-01-10T22:30:00Z')).open).toBe(true)
    expect(resubmissionWindow('2026-01-10', new Date('2026-01-10T23:00:00Z')).open).toBe(false)
  })
})

describe('whether an invoice may be resubmitted', () => {
  const now = new Date('2026-07-02T10:00:00Z')

  it('refuses an invoice SdI did not reject, whatever its status', () => {
    for (const status of ['received', 'transmitted', 'delivered', 'accepted'] as const) {
      expect(resubmissionRefusal({ status, sdiRejection: null, resubmittedAs: null }, now)).toEqual({
        kind: 'not_rejected_by_sdi',
      })
    }
    // Rejected by our own validation: it never reached SdI.
    expect(resubmissionRefusal({ status: 'rejected', sdiRejection: null, resubmittedAs: null }, now)).toEqual({
      kind: 'not_rejected_by_sdi',
    })
  })

  it('refuses a second resubmission, naming the first', () => {
    expect(resubmissionRefusal({ status: 'rejected', sdiRejection: rejection, resubmittedAs: 'x' }, now)).toEqual({
      kind: 'already_resubmitted',
      by: 'x',
    })
  })

  it('refuses after the window, with its last day', () => {
    const late = new Date('2026-07-07T08:00:00Z')
    expect(resubmissionRefusal({ status: 'rejected', sdiRejection: rejection, resubmittedAs: null }, late)).toEqual({
      kind: 'window_closed',
      resubmitBy: '2026-07-06',
    })
  })

  it('allows a rejected invoice within the window', () => {
    expect(
      resubmissionRefusal({ status: 'rejected', sdiRejection: rejection, resubmittedAs: null }, now),
    ).toBeUndefined()
  })
})

describe('the corrected file keeps the numbers and dates', () => {
  const doc = (number: string, date: string) => ({ type: 'TD01', number, date })

  it('accepts the same documents, whatever their order or type', () => {
    expect(
      identityDifferences(
        [doc('1', '2026-07-01'), doc('2', '2026-07-01')],
        [doc('2', '2026-07-01'), { ...doc('1', '2026-07-01'), type: 'TD02' }],
      ),
    ).toEqual([])
  })

  it('names what is missing and what is new', () => {
    expect(identityDifferences([doc('1', '2026-07-01')], [doc('1', '2026-07-02')])).toEqual([
      'missing 1 of 2026-07-01',
      'new 1 of 2026-07-02',
    ])
    expect(identityDifferences([doc('1', '2026-07-01'), doc('2', '2026-07-01')], [doc('1', '2026-07-01')])).toEqual([
      'missing 2 of 2026-07-01',
    ])
  })
})
