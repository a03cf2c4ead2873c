import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from '../src/domain/cursor.ts'
import { isInvoiceId, newInvoiceId } from '../src/domain/ids.ts'

describe('listing cursors', () => {
  it('round-trip a position', () => {
    const cursor = { createdAt: '2026-12-01T10:00:00.123456Z', id: newInvoiceId() }
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
  })

  it.each([
    '',
    'not base64 json',
    Buffer.from('{}').toString('base64url'),
    Buffer.from('["2026-12-01", "x"]').toString('base64url'),
    Buffer.from(`["2026-12-01T10:00:00.123Z", "${newInvoiceId()}"]`).toString('base64url'),
    Buffer.from('["2026-12-01T10:00:00.123456Z", "1; DROP TABLE"]').toString('base64url'),
  ])('refuse what this API did not make: %s', (text) => {
    expect(() => decodeCursor(text)).toThrow(expect.objectContaining({ code: 'INGEST_ERR_CURSOR_INVALID' }))
  })
})

describe('invoice ids', () => {
  it('are UUID version 7, ordered by time', () => {
    const first = newInvoiceId(1_700_000_000_000)
    const second = newInvoiceId(1_700_000_000_001)
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(first < second).toBe(true)
    expect(isInvoiceId(first)).toBe(true)
    expect(isInvoiceId('../etc/passwd')).toBe(false)
  })
})
