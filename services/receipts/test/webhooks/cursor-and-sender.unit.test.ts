import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from '../../src/webhooks/domain/cursor.ts'
import { accepted, attemptError } from '../../src/webhooks/domain/sender.ts'

describe('listing cursors', () => {
  const position = { createdAt: '2026-12-01T10:00:00.123456Z', id: '0f8fad5b-d9cb-469f-a165-70867728950e' }

  it('round-trip', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position)
  })

  it.each([
    ['not base64 json', 'x'],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['a wrong date', Buffer.from('["2026-12-01", "0f8fad5b-d9cb-469f-a165-70867728950e"]').toString('base64url')],
    ['a wrong id', Buffer.from('["2026-12-01T10:00:00.123456Z", "1; DROP"]').toString('base64url')],
    ['three items', Buffer.from('["a","b","c"]').toString('base64url')],
  ])('refuses %s with RECEIPTS_ERR_CURSOR_INVALID', (_, text) => {
    expect(() => decodeCursor(text)).toThrow(expect.objectContaining({ code: 'RECEIPTS_ERR_CURSOR_INVALID' }))
  })
})

describe("a receiver's answer", () => {
  it.each([200, 201, 202, 204, 299])('%s is a delivery', (status) => {
    expect(accepted({ kind: 'answered', status })).toBe(true)
    expect(attemptError({ kind: 'answered', status })).toBeUndefined()
  })

  it.each([
    [301, 'HTTP 301: redirects are not followed'],
    [307, 'HTTP 307: redirects are not followed'],
    [400, 'HTTP 400'],
    [410, 'HTTP 410'],
    [500, 'HTTP 500'],
    [503, 'HTTP 503'],
    [100, 'HTTP 100'],
  ])('%s is a failure: %s', (status, error) => {
    expect(accepted({ kind: 'answered', status })).toBe(false)
    expect(attemptError({ kind: 'answered', status })).toBe(error)
  })

  it('no answer is a failure with its reason', () => {
    const failed = { kind: 'failed', error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' } as const
    expect(accepted(failed)).toBe(false)
    expect(attemptError(failed)).toBe(failed.error)
  })
})
