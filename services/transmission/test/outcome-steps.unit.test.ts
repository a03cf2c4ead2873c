import { describe, expect, it } from 'vitest'
import { afterNotifica, type NotificaOutcome } from '../src/domain/outcome-steps.ts'

const policy = { backoff: { initialMs: 1000, maxMs: 60_000 } }
const now = new Date('2026-12-01T10:00:00Z')
const farDeadline = new Date('2026-12-16T22:59:59.999Z')
const half = () => 0.5

describe('afterNotifica', () => {
  it('ends with ES01 when SdI takes the outcome', () => {
    expect(afterNotifica({ kind: 'taken' }, 1, now, farDeadline, policy)).toEqual({ status: 'sent', result: 'ES01' })
  })

  it('ends with ES00 and SdI’s SE when SdI refuses it', () => {
    const scarto = { fileName: 'IT01234567890_00001_SE_001.xml', file: Buffer.from('<SE/>') }
    expect(afterNotifica({ kind: 'refused', scarto }, 2, now, farDeadline, policy)).toEqual({
      status: 'sent',
      result: 'ES00',
      scarto,
    })
  })

  it('fails for good on a fault that says the request is wrong', () => {
    const step = afterNotifica({ kind: 'faulted', detail: 'bad request' }, 1, now, farDeadline, policy)
    expect(step).toMatchObject({ status: 'failed', cause: 'sdi_fault' })
  })

  it.each(['ES02', 'network', 'timeout', 'http-5xx'] as const)('retries %s with growing backoff', (reason) => {
    const outcome: NotificaOutcome = { kind: 'unavailable', reason, detail: 'away' }
    const first = afterNotifica(outcome, 1, now, farDeadline, policy, half)
    const third = afterNotifica(outcome, 3, now, farDeadline, policy, half)
    expect(first).toEqual({ status: 'waiting', retryAt: new Date(now.getTime() + 750), reason: `${reason}: away` })
    expect(third).toEqual({ status: 'waiting', retryAt: new Date(now.getTime() + 3000), reason: `${reason}: away` })
  })

  it('gives up when the next retry would fall after the window', () => {
    const deadline = new Date(now.getTime() + 500)
    const step = afterNotifica({ kind: 'unavailable', reason: 'ES02', detail: 'busy' }, 4, now, deadline, policy, half)
    expect(step).toMatchObject({ status: 'failed', cause: 'deadline_passed' })
    expect(step.status === 'failed' && step.message).toContain('last attempt 4')
  })
})
