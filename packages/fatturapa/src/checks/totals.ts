import type { FatturaElettronicaBody } from '../model/body.ts'
import { distance, formatScaled, ONE, percentOf, roundToCents, sum, toScaled, type Scaled } from './decimal.ts'
import { riepilogoPath } from './paths.ts'
import { finding, type BodyRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'

/*
 * The VAT summary's amounts. Tolerances are ±1.00 euro, inclusive, for both (FACTS.md §6: "commonly ±1 EUR" for
 * 00421 [T][S]; the same figure is commonly cited for 00422 [M]). Sums are exact; the result is rounded half away from
 * zero to cents (2.2.2.5 and 2.2.2.6 are two-decimal amounts) before it is compared.
 */

export const IMPOSTA_TOLERANCE: Scaled = ONE
export const IMPONIBILE_TOLERANCE: Scaled = ONE

export const imposta: BodyRule = {
  code: '00421',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  // Imposta = ImponibileImporto × AliquotaIVA / 100, rounded to cents (third decimal 5 or more rounds up).
  check: (body, at) =>
    body.DatiBeniServizi.DatiRiepilogo.flatMap((summary, k): Finding[] => {
      const imponibile = toScaled(summary.ImponibileImporto)
      const rate = toScaled(summary.AliquotaIVA)
      const declared = toScaled(summary.Imposta)
      if (imponibile === undefined || rate === undefined || declared === undefined) return []
      const expected = roundToCents(percentOf(imponibile, rate))
      if (distance(declared, expected) <= IMPOSTA_TOLERANCE) return []
      return [
        finding(
          `${riepilogoPath(at.index, k)}.Imposta`,
          `Il riepilogo ${k + 1} ha Imposta ${summary.Imposta} ma ${summary.ImponibileImporto} × ${summary.AliquotaIVA}% dà ${formatScaled(expected)}, oltre la tolleranza di 1.00`,
          `VAT summary ${k + 1} has Imposta ${summary.Imposta} but ${summary.ImponibileImporto} × ${summary.AliquotaIVA}% gives ${formatScaled(expected)}, beyond the 1.00 tolerance`,
        ),
      ]
    }),
}

/** Rate (as a number) and Natura: the key that ties lines and pension funds to their summary block. */
function summaryKey(aliquota: string, natura: string | undefined): string {
  return `${toScaled(aliquota)?.toString() ?? aliquota}|${natura ?? ''}`
}

/** Appends `value` to the list under `key`. */
function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

/** Per key, the amounts the summary must add up: PrezzoTotale of the lines and ImportoContributoCassa of the funds. */
function taxedAmounts(body: FatturaElettronicaBody): Map<string, Array<Scaled | undefined>> {
  const amounts = new Map<string, Array<Scaled | undefined>>()
  for (const line of body.DatiBeniServizi.DettaglioLinee) {
    append(amounts, summaryKey(line.AliquotaIVA, line.Natura), toScaled(line.PrezzoTotale))
  }
  for (const cassa of body.DatiGenerali.DatiGeneraliDocumento.DatiCassaPrevidenziale ?? []) {
    append(amounts, summaryKey(cassa.AliquotaIVA, cassa.Natura), toScaled(cassa.ImportoContributoCassa))
  }
  return amounts
}

function defined(values: ReadonlyArray<Scaled | undefined>): values is readonly Scaled[] {
  return values.every((value) => value !== undefined)
}

type Block = FatturaElettronicaBody['DatiBeniServizi']['DatiRiepilogo'][number]

/** The summary blocks by key, each with its index, in document order. */
function summaryGroups(body: FatturaElettronicaBody): Map<string, Array<[number, Block]>> {
  const groups = new Map<string, Array<[number, Block]>>()
  body.DatiBeniServizi.DatiRiepilogo.forEach((block, k) => {
    append(groups, summaryKey(block.AliquotaIVA, block.Natura), [k, block])
  })
  return groups
}

function checkGroup(blocks: ReadonlyArray<[number, Block]>, taxed: ReadonlyArray<Scaled | undefined>, index: number) {
  const declared = blocks.map(([, block]) => toScaled(block.ImponibileImporto))
  const rounding = blocks.map(([, block]) => (block.Arrotondamento === undefined ? 0n : toScaled(block.Arrotondamento)))
  if (!defined(taxed) || !defined(declared) || !defined(rounding)) return []
  const expected = roundToCents(sum(taxed) + sum(rounding))
  const total = sum(declared)
  if (distance(total, expected) <= IMPONIBILE_TOLERANCE) return []
  const [k] = blocks[0]!
  const several =
    blocks.length === 1 ? { it: '', en: '' } : { it: ` (${blocks.length} blocchi)`, en: ` (${blocks.length} blocks)` }
  return [
    finding(
      `${riepilogoPath(index, k)}.ImponibileImporto`,
      `Il riepilogo ${k + 1} ha ImponibileImporto${several.it} ${formatScaled(total)} ma righe, casse previdenziali e arrotondamento con la stessa aliquota e Natura danno ${formatScaled(expected)}, oltre la tolleranza di 1.00`,
      `VAT summary ${k + 1} has ImponibileImporto${several.en} ${formatScaled(total)} but the lines, pension funds and rounding with the same rate and Natura give ${formatScaled(expected)}, beyond the 1.00 tolerance`,
    ),
  ]
}

export const imponibile: BodyRule = {
  code: '00422',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  // ImponibileImporto = Σ PrezzoTotale of the lines + Σ ImportoContributoCassa of the funds with the same AliquotaIVA
  // and Natura, + Arrotondamento; SpeseAccessorie is not in the formula as FACTS.md §6 gives it [T][M]. Blocks
  // with the same key (e.g. different EsigibilitaIVA) are checked together and reported at the first one. Blocks that
  // no line or fund refers to are left to 00443/00444.
  check: (body, at) => {
    const amounts = taxedAmounts(body)
    return [...summaryGroups(body)].flatMap(([key, blocks]): Finding[] => {
      const taxed = amounts.get(key)
      return taxed === undefined ? [] : checkGroup(blocks, taxed, at.index)
    })
  },
}
