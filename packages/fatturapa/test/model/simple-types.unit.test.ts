import fc from 'fast-check'
import type { TSchema } from 'typebox'
import { Format } from 'typebox/format'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { FatturaElettronica, type DettaglioLinee, type TipoDocumento } from '../../src/index.ts'
import { dataFattura, emailContatti, rate } from '../../src/model/simple-types.ts'
import { XsdFormat, isXsdBase64 } from '../../src/model/xsd-formats.ts'

function patternOf(schema: TSchema): string {
  return (schema as { pattern: string }).pattern
}

/** Every distinct pattern of the model. */
function patterns(schema: unknown, found = new Set<string>()): Set<string> {
  if (typeof schema !== 'object' || schema === null) return found
  const { pattern } = schema as { pattern?: unknown }
  if (typeof pattern === 'string') found.add(pattern)
  for (const value of Object.values(schema)) patterns(value, found)
  return found
}

describe('simple types', () => {
  it('EmailContattiType: the linear-time pattern accepts exactly what `.+@.+[.]+.+` accepts', () => {
    const literal = /^[^\n\r]+@[^\n\r]+[.]+[^\n\r]+$/u
    const ours = new RegExp(patternOf(emailContatti), 'u')
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '@', '.', '\n', ' '), maxLength: 14 }), (value) => {
        expect(ours.test(value)).toBe(literal.test(value))
      }),
      { numRuns: 3000 },
    )
  })

  it('DataFatturaType: 1970-01-01 with a timezone at or ahead of UTC is before the minimum, as libxml2 compares', () => {
    const ours = new RegExp(patternOf(dataFattura), 'u')
    for (const valid of ['1970-01-01', '1970-01-01-00:01', '1970-01-01-14:00', '1970-01-02+14:00', '2025-06-30Z']) {
      expect({ valid, matches: ours.test(valid) }).toEqual({ valid, matches: true })
    }
    for (const invalid of ['1970-01-01Z', '1970-01-01+00:00', '1970-01-01-00:00', '1970-01-01+00:01', '1969-12-31']) {
      expect({ invalid, matches: ours.test(invalid) }).toEqual({ invalid, matches: false })
    }
  })

  it('no pattern of the model backtracks catastrophically on long input', () => {
    const all = [...patterns(FatturaElettronica)]
    expect(all.length).toBeGreaterThan(20)
    const hostile = ['a@'.repeat(100_000), '@.'.repeat(100_000), `${'9'.repeat(200_000)}x`, `"${'\\['.repeat(50_000)}`]
    for (const source of all) {
      const regex = new RegExp(source, 'u')
      const start = performance.now()
      for (const input of hostile) regex.test(input)
      expect({ source, fast: performance.now() - start < 200 }).toEqual({ source, fast: true })
    }
  })

  it('RateType: 1-3 integer digits, 2 decimals, at most 100.00', () => {
    const check = new RegExp(patternOf(rate), 'u')
    const valid = ['0.00', '4.00', '22.00', '099.99', '100.00', '000.00']
    const invalid = ['100.01', '101.00', '999.99', '22', '22.0', '22.000', '-1.00', '1000.00', '.50', '22.']
    expect(valid.filter((value) => !check.test(value))).toEqual([])
    expect(invalid.filter((value) => check.test(value))).toEqual([])
  })

  it('xs:date and xs:dateTime reject days that do not exist', () => {
    const date = (value: string) => Format.Test(XsdFormat.date, value)
    expect(['2024-02-29', '2000-02-29', '2025-04-30', '2025-12-31', '2025-01-01Z'].every(date)).toBe(true)
    expect(['2023-02-29', '1900-02-29', '2025-04-31', '2025-06-31'].some(date)).toBe(false)
    expect(Format.Test(XsdFormat.dateTime, '2023-02-29T10:00:00')).toBe(false)
  })

  it('xs:base64Binary: groups of four, padding at the end only, zero pad bits', () => {
    const valid = ['', 'QUJD', 'QUI=', 'QQ==', 'QU JD', 'QUJD\nRA==']
    const invalid = ['Q', 'QUJ', 'QR==', 'QUJ=', 'Q===', '=QUJ', 'QQ==QUJD', 'QUJ*']
    expect(valid.filter((value) => !isXsdBase64(value))).toEqual([])
    expect(invalid.filter((value) => isXsdBase64(value))).toEqual([])
  })

  it('gives precise static types', () => {
    expectTypeOf<TipoDocumento>().toEqualTypeOf<
      | 'TD01' | 'TD02' | 'TD03' | 'TD04' | 'TD05' | 'TD06' | 'TD16' | 'TD17' | 'TD18' | 'TD19'
      | 'TD20' | 'TD21' | 'TD22' | 'TD23' | 'TD24' | 'TD25' | 'TD26' | 'TD27' | 'TD28' | 'TD29'
    >() // prettier-ignore
    expectTypeOf<DettaglioLinee['AliquotaIVA']>().toEqualTypeOf<string>()
    expectTypeOf<DettaglioLinee['NumeroLinea']>().toEqualTypeOf<number>()
    expectTypeOf<DettaglioLinee['AltriDatiGestionali']>().toEqualTypeOf<
      | { TipoDato: string; RiferimentoTesto?: string; RiferimentoNumero?: string; RiferimentoData?: string }[]
      | undefined
    >()
    const schema: TSchema = FatturaElettronica
    expect(schema).toBeDefined()
  })
})
