import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { invoiceNotification, type InvoiceNotification, type LifecycleState } from '@varco/contracts'
import { NOTIFICATION_RANK_BASE, notificationChange, statusOfLifecycle } from '../src/domain/lifecycle-status.ts'
import { changeOf, nextStatus, reachedSdi } from '../src/domain/status.ts'

const STATES: readonly LifecycleState[] = [
  'submitted',
  'rejected',
  'delivered',
  'not_delivered',
  'accepted',
  'refused',
  'terms_expired',
  'undeliverable_attested',
  'in_reserved_area',
]

function notification(
  kind: InvoiceNotification['data']['kind'],
  lifecycle: InvoiceNotification['data']['lifecycle'],
  extra: Partial<InvoiceNotification['data']> = {},
): InvoiceNotification {
  return invoiceNotification.create({
    source: 'receipts',
    tenantId: 't',
    invoiceId: randomUUID(),
    correlationId: 'c',
    data: {
      kind,
      identificativoSdI: '99',
      invoiceFileName: 'IT01234567890_0000A.xml',
      messageFileName: `IT01234567890_0000A_${kind}_001.xml`,
      receivedAt: '2026-06-30T22:30:00.000Z',
      message: { sha256: 'a'.repeat(64), size: 1, mediaType: 'application/xml' },
      lifecycle,
      ...extra,
    },
  })
}

describe('the lifecycle state as an API status', () => {
  it('maps each state to the status of the same name, submitted to transmitted', () => {
    expect(STATES.map(statusOfLifecycle)).toEqual(['transmitted', ...STATES.slice(1)])
  })

  it('ranks a notification above every stage before SdI, and by its sequence among notifications', () => {
    const rc = changeOf(
      notification('RC', { decision: 'transition', from: 'submitted', state: 'delivered', sequence: 1 }),
    )
    const ne = changeOf(
      notification('NE', { decision: 'transition', from: 'delivered', state: 'accepted', sequence: 2 }),
    )
    expect(rc.rank).toBe(NOTIFICATION_RANK_BASE + 1)
    const afterNe = nextStatus({ status: 'transmitted', rank: 3 }, ne)
    expect(nextStatus(afterNe, rc)).toEqual({ status: 'accepted', rank: NOTIFICATION_RANK_BASE + 2 })
    // A late stage before SdI (transmission's own event redelivered) never moves it back.
    expect(nextStatus(afterNe, { status: 'transmitted', rank: 3 })).toEqual(afterNe)
    expect(reachedSdi(afterNe.status, afterNe.rank)).toBe(true)
  })

  it("keeps an NS's errors and counts the five days in Italy when the event does not say them", () => {
    const ns = notification(
      'NS',
      { decision: 'transition', from: 'submitted', state: 'rejected', sequence: 1 },
      { errors: [{ code: '00404', description: 'Duplicata', suggestion: 'Cambiare numero' }] },
    )
    // 22:30 UTC on 30 June is 1 July in Rome: five days from there.
    expect(notificationChange(ns)).toMatchObject({
      status: 'rejected',
      sdiRejection: {
        errors: [{ code: '00404', description: 'Duplicata', suggestion: 'Cambiare numero' }],
        resubmitBy: '2026-07-06',
        messageFileName: 'IT01234567890_0000A_NS_001.xml',
      },
      detail: { kind: 'NS', decision: 'transition', sequence: 1 },
    })
  })

  it('records a forbidden NS as a timeline fact with its reason, not as a rejection', () => {
    const change = notificationChange(
      notification(
        'NS',
        { decision: 'forbidden', from: 'delivered', state: 'delivered', sequence: 3, reason: 'NS after RC' },
        { errors: [{ code: '00200', description: 'x' }], resubmitBy: '2026-07-06' },
      ),
    )
    expect(change.status).toBe('delivered')
    expect(change.sdiRejection).toBeUndefined()
    expect(change.detail).toMatchObject({ decision: 'forbidden', reason: 'NS after RC' })
  })

  it('brings the facts of RC, NE and an FPR12 MC', () => {
    const delivery = { deliveredAt: '2026-07-01T10:00:00.000Z', recipientCode: 'ABC1234' }
    expect(
      notificationChange(
        notification(
          'RC',
          { decision: 'transition', from: 'submitted', state: 'delivered', sequence: 1 },
          { delivery },
        ),
      ).delivery,
    ).toEqual(delivery)
    const outcome = { esito: 'EC02' as const, description: 'no' }
    expect(
      notificationChange(
        notification('NE', { decision: 'transition', from: 'delivered', state: 'refused', sequence: 2 }, { outcome }),
      ),
    ).toMatchObject({ sdiOutcome: outcome, detail: { esito: 'EC02' } })
    const since = '2026-07-02T00:00:00.000Z'
    expect(
      notificationChange(
        notification(
          'MC',
          { decision: 'transition', from: 'submitted', state: 'in_reserved_area', sequence: 1 },
          { inReservedAreaSince: since },
        ),
      ).reservedAreaSince,
    ).toBe(since)
  })
})
