import type { DettaglioLinee } from '../model/body.ts'
import type { ScontoMaggiorazione } from '../model/common.ts'
import { CENT, distance, formatScaled, multiply, ONE, percentOf, toScaled, type Scaled } from './decimal.ts'
import { linePath } from './paths.ts'
import { finding, type BodyRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'

/*
 * 00423: 2.2.1.11 PrezzoTotale = PrezzoUnitario × Quantita (1 when absent), adjusted by each 2.2.1.10
 * ScontoMaggiorazione in order — SC subtracts, MG adds; Importo when given (the amount actually applied; a Percentuale
 * given with it is then only informative), otherwise Percentuale of the running amount. A block with neither is 00438
 * and changes nothing here.
 *
 * Tolerance: ±0.01 (one cent), inclusive, the tolerance the "Elenco controlli" gives for 00423 as commonly cited
 * (FACTS.md §6 [T][M], not re-read here). Arithmetic is exact (decimal.ts), products rounded half away from zero to 8
 * decimals, the precision PrezzoTotale can be written with.
 *
 * Whether an Importo applies to the unit price or to the line total is not settled by the sources at hand (SdI is
 * reported to apply it to the unit price, "(PrezzoUnitario ± sconto) × Quantita"): a PrezzoTotale matching either
 * reading is accepted, so Varco never rejects a line SdI accepts. Percentages give the same result either way.
 */

export const PREZZO_TOTALE_TOLERANCE: Scaled = CENT

/** The running amount after one discount or surcharge; undefined when a value is not a decimal. */
function adjust(amount: Scaled, sm: ScontoMaggiorazione): Scaled | undefined {
  let delta: Scaled | undefined = 0n
  if (sm.Importo !== undefined) delta = toScaled(sm.Importo)
  else if (sm.Percentuale !== undefined) {
    const percent = toScaled(sm.Percentuale)
    delta = percent === undefined ? undefined : percentOf(amount, percent)
  }
  if (delta === undefined) return undefined
  return sm.Tipo === 'SC' ? amount - delta : amount + delta
}

function adjustAll(amount: Scaled | undefined, adjustments: readonly ScontoMaggiorazione[]): Scaled | undefined {
  let running = amount
  for (const sm of adjustments) running = running === undefined ? undefined : adjust(running, sm)
  return running
}

/** PrezzoTotale by both readings: discounts applied to the line total (`onTotal`) or to the unit price (`perUnit`). */
export interface ExpectedPrezzoTotale {
  readonly onTotal: Scaled
  readonly perUnit: Scaled
}

/** What PrezzoTotale should be for this line; undefined when one of its numbers is not a decimal. */
export function expectedPrezzoTotale(line: DettaglioLinee): ExpectedPrezzoTotale | undefined {
  const unitPrice = toScaled(line.PrezzoUnitario)
  const quantity = line.Quantita === undefined ? ONE : toScaled(line.Quantita)
  if (unitPrice === undefined || quantity === undefined) return undefined
  const adjustments = line.ScontoMaggiorazione ?? []
  const onTotal = adjustAll(multiply(unitPrice, quantity), adjustments)
  const unit = adjustAll(unitPrice, adjustments)
  if (onTotal === undefined || unit === undefined) return undefined
  return { onTotal, perUnit: multiply(unit, quantity) }
}

function checkLine(line: DettaglioLinee, path: string): Finding[] {
  const declared = toScaled(line.PrezzoTotale)
  const expected = expectedPrezzoTotale(line)
  if (declared === undefined || expected === undefined) return []
  const { onTotal, perUnit } = expected
  if (distance(declared, onTotal) <= PREZZO_TOTALE_TOLERANCE || distance(declared, perUnit) <= PREZZO_TOTALE_TOLERANCE)
    return []
  const other = perUnit === onTotal ? '' : formatScaled(perUnit)
  const otherIt = other === '' ? '' : ` (${other} applicando gli importi al prezzo unitario)`
  const otherEn = other === '' ? '' : ` (${other} applying the amounts to the unit price)`
  return [
    finding(
      path,
      `La riga ${line.NumeroLinea} ha PrezzoTotale ${line.PrezzoTotale} ma PrezzoUnitario × Quantita con sconti e maggiorazioni dà ${formatScaled(onTotal)}${otherIt}, oltre la tolleranza di 0.01`,
      `Line ${line.NumeroLinea} has PrezzoTotale ${line.PrezzoTotale} but PrezzoUnitario × Quantita with discounts and surcharges gives ${formatScaled(onTotal)}${otherEn}, beyond the 0.01 tolerance`,
    ),
  ]
}

export const prezzoTotale: BodyRule = {
  code: '00423',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  check: (body, at) =>
    body.DatiBeniServizi.DettaglioLinee.flatMap((line, j) => checkLine(line, `${linePath(at.index, j)}.PrezzoTotale`)),
}
