import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_PROGRESSIVE, progressiveFor } from '../../src/sdi/progressive.ts'

describe('progressiveFor', () => {
  it.each([
    [1n, '00001'],
    [9n, '00009'],
    [10n, '0000A'],
    [35n, '0000Z'],
    [36n, '00010'],
    [MAX_PROGRESSIVE, 'ZZZZZ'],
  ])('maps counter %s to %s', (counter, progressive) => {
    expect(progressiveFor(counter)).toBe(progressive)
  })

  it('gives distinct counters distinct progressives of 5 allowed characters', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, MAX_PROGRESSIVE), fc.bigInt(1n, MAX_PROGRESSIVE), (a, b) => {
        expect(progressiveFor(a)).toMatch(/^[0-9A-Z]{5}$/)
        expect(progressiveFor(a) === progressiveFor(b)).toBe(a === b)
      }),
    )
  })

  it('refuses counters outside 1..36^5-1 with a coded error', () => {
    expect(() => progressiveFor(0n)).toThrow(expect.objectContaining({ code: 'FATTURAPA_ERR_PROGRESSIVE_EXHAUSTED' }))
    expect(() => progressiveFor(MAX_PROGRESSIVE + 1n)).toThrow(/No file-name progressive left/)
  })
})
