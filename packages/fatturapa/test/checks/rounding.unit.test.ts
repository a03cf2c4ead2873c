import { describe, expect, it } from 'vitest'
import { checkContent } from '../../src/checks/index.ts'
import type { DatiRiepilogo, DettaglioLinee, FatturaElettronica } from '../../src/index.ts'
import type { SdiErrorCode } from '../../src/sdi/sdi-error.ts'
import { CONTEXT, LINE, SUMMARY, aLine, aSummary, anInvoice, body0 } from './builder.ts'

/*
 * Edge cases of the arithmetic rules: the tolerance boundaries, rounding of exact halves (half away from zero, so
 * each case below would flip under banker's rounding), negative amounts of credit notes, 8-decimal prices, and sums
 * of many lines whose per-line rounding would accumulate.
 */

function invoice(lines: DettaglioLinee[], summaries: DatiRiepilogo[]): FatturaElettronica {
  const f = anInvoice()
  body0(f).DatiBeniServizi = { DettaglioLinee: lines, DatiRiepilogo: summaries }
  return f
}

function pathsOf(f: FatturaElettronica, code: SdiErrorCode): string[] {
  return checkContent(f, CONTEXT)
    .filter((error) => error.code === code)
    .map((error) => error.path)
}

/** One line with these prices; its summary is irrelevant to 00423. */
function line(PrezzoUnitario: string, PrezzoTotale: string, fields: Partial<DettaglioLinee> = {}) {
  return invoice([aLine(1, { PrezzoUnitario, PrezzoTotale, ...fields })], [aSummary()])
}

describe('00423 PrezzoTotale (tolerance ±0.01 inclusive)', () => {
  const fails = [`${LINE(0)}.PrezzoTotale`]

  it.each([
    ['1.10', '3.00', '3.29', []], // 1.1 × 3 in floating point is 3.3000000000000003: 3.29 would fall outside
    ['1.10', '3.00', '3.31', []],
    ['1.10', '3.00', '3.28', fails],
    ['100.00', '1.00', '100.01', []],
    ['100.00', '1.00', '99.99', []],
    ['100.00', '1.00', '100.01000001', fails],
    ['100.00', '1.00', '99.98999999', fails],
    ['0.33333333', '3.00', '1.00', []], // 0.99999999
    ['0.33333333', '3.00', '0.99', []],
    ['0.33333333', '3.00', '0.98', fails],
    ['0.33333333', '3.33333333', '1.12', []], // 1.1111110988888889 → 1.11111110
    ['0.33333333', '3.33333333', '1.10', fails],
    ['0.12345678', '1000.00', '123.46', []], // 123.45678
    ['0.12345678', '1000.00', '123.44', fails],
  ])('%s × %s declared %s', (unit, quantity, total, expected) => {
    expect(pathsOf(line(unit, total, { Quantita: quantity }), '00423')).toEqual(expected)
  })

  it('takes a missing Quantita as 1', () => {
    expect(pathsOf(line('12.34', '12.34', { Quantita: undefined }), '00423')).toEqual([])
    expect(pathsOf(line('12.34', '24.68', { Quantita: undefined }), '00423')).toEqual(fails)
  })

  it.each([
    ['-10.00 × 3 with SC 10% = -27.00', '-27.00', []],
    ['-27.01 is within a cent', '-27.01', []],
    ['-27.02 is not', '-27.02', fails],
    ['-33.00 (the discount added) is not', '-33.00', fails],
  ])('credit line: %s', (_, total, expected) => {
    const f = line('-10.00', total, { Quantita: '3.00', ScontoMaggiorazione: [{ Tipo: 'SC', Percentuale: '10.00' }] })
    expect(pathsOf(f, '00423')).toEqual(expected)
  })

  it('applies percentages in order to the running amount', () => {
    const twice = [
      { Tipo: 'SC', Percentuale: '10.00' },
      { Tipo: 'SC', Percentuale: '10.00' },
    ] as const
    expect(pathsOf(line('100.00', '81.00', { Quantita: '1.00', ScontoMaggiorazione: [...twice] }), '00423')).toEqual([])
    expect(pathsOf(line('100.00', '80.00', { Quantita: '1.00', ScontoMaggiorazione: [...twice] }), '00423')).toEqual(
      fails,
    )
    const mixed = [
      { Tipo: 'MG', Percentuale: '10.00' },
      { Tipo: 'SC', Importo: '5.00' },
    ] as const
    expect(pathsOf(line('100.00', '105.00', { Quantita: '1.00', ScontoMaggiorazione: [...mixed] }), '00423')).toEqual(
      [],
    )
  })

  it('accepts an Importo applied to the line total or to the unit price, nothing in between', () => {
    const sc: Partial<DettaglioLinee> = { Quantita: '5.00', ScontoMaggiorazione: [{ Tipo: 'SC', Importo: '1.00' }] }
    expect(pathsOf(line('10.00', '49.00', sc), '00423')).toEqual([]) // 10 × 5 - 1
    expect(pathsOf(line('10.00', '45.00', sc), '00423')).toEqual([]) // (10 - 1) × 5
    const f = line('10.00', '47.00', sc)
    expect(pathsOf(f, '00423')).toEqual(fails)
    const [error] = checkContent(f, CONTEXT).filter((e) => e.code === '00423')
    expect(error?.message.en).toContain('gives 49.00 (45.00 applying the amounts to the unit price)')
  })

  it('uses Importo when Percentuale is given too', () => {
    const both: Partial<DettaglioLinee> = {
      Quantita: '1.00',
      ScontoMaggiorazione: [{ Tipo: 'SC', Percentuale: '10.00', Importo: '5.00' }],
    }
    expect(pathsOf(line('100.00', '95.00', both), '00423')).toEqual([])
    expect(pathsOf(line('100.00', '90.00', both), '00423')).toEqual(fails)
  })
})

describe('00421 Imposta (rounded half away from zero, tolerance ±1.00 inclusive)', () => {
  const fails = [`${SUMMARY(0)}.Imposta`]
  const summary = (imponibile: string, imposta: string, rate = '10.00') =>
    invoice([aLine(1)], [aSummary({ AliquotaIVA: rate, ImponibileImporto: imponibile, Imposta: imposta })])

  it.each([
    ['10.05', '2.01', []], // 1.005 → 1.01, distance 1.00 (half-even: 1.00, distance 1.01)
    ['10.05', '0.00', fails], // distance 1.01 (half-even: 1.00)
    ['-10.05', '-2.01', []], // credit note: -1.005 → -1.01
    ['-10.05', '0.00', fails],
    ['10.05', '1.01', []],
  ])('%s at 10%% declared %s', (imponibile, imposta, expected) => {
    expect(pathsOf(summary(imponibile, imposta), '00421')).toEqual(expected)
  })

  it.each([
    ['23.00', []],
    ['23.01', fails],
    ['21.00', []],
    ['20.99', fails],
  ])('100.00 at 22%% declared %s', (imposta, expected) => {
    expect(pathsOf(summary('100.00', imposta, '22.00'), '00421')).toEqual(expected)
  })

  it('wants zero tax, within the tolerance, at a zero rate', () => {
    expect(pathsOf(summary('100.00', '0.00', '0.00'), '00421')).toEqual([])
    expect(pathsOf(summary('100.00', '1.01', '0.00'), '00421')).toEqual(fails)
  })
})

describe('00422 ImponibileImporto (exact sum rounded to cents, tolerance ±1.00 inclusive)', () => {
  const fails = [`${SUMMARY(0)}.ImponibileImporto`]
  const priced = (n: number, total: string) =>
    aLine(n, { Quantita: undefined, PrezzoUnitario: total, PrezzoTotale: total })
  const many = (count: number, each: string) => Array.from({ length: count }, (_, i) => priced(i + 1, each))
  const summary = (ImponibileImporto: string, fields: Partial<DatiRiepilogo> = {}) =>
    aSummary({ ImponibileImporto, Imposta: '0.00', ...fields })

  it.each([
    ['5.00', []],
    ['6.00', []],
    ['6.01', fails],
    ['3.99', fails],
  ])('1000 lines of 0.005 sum to 5.00 (per-line rounding: 10.00 or 0.00); declared %s', (imponibile, expected) => {
    expect(pathsOf(invoice(many(1000, '0.005'), [summary(imponibile)]), '00422')).toEqual(expected)
  })

  it('300 lines of 0.004 sum to 1.20, not to 300 × 0.00', () => {
    expect(pathsOf(invoice(many(300, '0.004'), [summary('1.20')]), '00422')).toEqual([])
    expect(pathsOf(invoice(many(300, '0.004'), [summary('0.00')]), '00422')).toEqual(fails)
  })

  it.each([
    [['101.005'], '102.01', []], // 101.005 → 101.01, distance 1.00 (half-even: 101.00, distance 1.01)
    [['101.005'], '100.00', fails], // distance 1.01 (half-even: 1.00)
    [['-50.125', '-50.88'], '-102.01', []], // credit note: -101.005 → -101.01
    [['-50.125', '-50.88'], '-100.00', fails],
  ])('lines %j declared %s', (totals, imponibile, expected) => {
    const lines = totals.map((total, i) => priced(i + 1, total))
    expect(pathsOf(invoice(lines, [summary(imponibile)]), '00422')).toEqual(expected)
  })

  it('adds Arrotondamento', () => {
    expect(pathsOf(invoice([priced(1, '100.00')], [summary('98.50', { Arrotondamento: '-1.50' })]), '00422')).toEqual(
      [],
    )
    expect(pathsOf(invoice([priced(1, '100.00')], [summary('98.50')]), '00422')).toEqual(fails)
  })

  it('checks blocks with the same rate and Natura together, reporting the first', () => {
    const lines = [priced(1, '100.00'), priced(2, '50.00')]
    const split = (second: string) => [summary('100.00'), summary(second, { EsigibilitaIVA: 'D' })]
    expect(pathsOf(invoice(lines, split('50.00')), '00422')).toEqual([])
    expect(pathsOf(invoice(lines, split('48.99')), '00422')).toEqual(fails)
  })
})
