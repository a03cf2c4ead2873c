import type { FatturaElettronicaBody } from '../model/body.ts'
import type { Natura } from '../model/code-lists.ts'
import type { LocalizedText } from '../sdi/sdi-error.ts'
import { toScaled, type Scaled } from './decimal.ts'
import { cassaPath, linePath, riepilogoPath } from './paths.ts'

/*
 * The three places of an invoice that carry an AliquotaIVA and an optional Natura: the lines (2.2.1), the pension fund
 * contributions (2.1.1.7) and the VAT summary (2.2.2). Many rules are the same test over one or more of them.
 */

export type VatItemKind = 'line' | 'cassa' | 'riepilogo'

export interface VatItem {
  readonly kind: VatItemKind
  /** Path of the block; rules append `.AliquotaIVA`, `.Natura`. */
  readonly path: string
  /** How a message names the block ("La riga 3" / "Line 3", NumeroLinea for lines). */
  readonly label: LocalizedText
  readonly aliquota: string
  /** The rate as a number, undefined if the text is not a decimal (left to the format check). */
  readonly rate: Scaled | undefined
  readonly natura: Natura | undefined
}

function item(kind: VatItemKind, path: string, label: LocalizedText, aliquota: string, natura?: Natura): VatItem {
  return { kind, path, label, aliquota, rate: toScaled(aliquota), natura }
}

/** The lines of a body as VAT items. */
export function lineItems(body: FatturaElettronicaBody, index: number): VatItem[] {
  return body.DatiBeniServizi.DettaglioLinee.map((line, j) =>
    item(
      'line',
      linePath(index, j),
      { it: `La riga ${line.NumeroLinea}`, en: `Line ${line.NumeroLinea}` },
      line.AliquotaIVA,
      line.Natura,
    ),
  )
}

/** The pension fund contributions of a body as VAT items. */
export function cassaItems(body: FatturaElettronicaBody, index: number): VatItem[] {
  const casse = body.DatiGenerali.DatiGeneraliDocumento.DatiCassaPrevidenziale ?? []
  return casse.map((cassa, k) =>
    item(
      'cassa',
      cassaPath(index, k),
      { it: `La cassa previdenziale ${k + 1} (${cassa.TipoCassa})`, en: `Pension fund ${k + 1} (${cassa.TipoCassa})` },
      cassa.AliquotaIVA,
      cassa.Natura,
    ),
  )
}

/** The VAT summary blocks of a body as VAT items. */
export function riepilogoItems(body: FatturaElettronicaBody, index: number): VatItem[] {
  return body.DatiBeniServizi.DatiRiepilogo.map((summary, k) =>
    item(
      'riepilogo',
      riepilogoPath(index, k),
      { it: `Il riepilogo ${k + 1}`, en: `VAT summary ${k + 1}` },
      summary.AliquotaIVA,
      summary.Natura,
    ),
  )
}

/** Lines then pension funds: what the VAT summary must account for. */
export function taxedItems(body: FatturaElettronicaBody, index: number): VatItem[] {
  return [...lineItems(body, index), ...cassaItems(body, index)]
}

/** A key equal for equal rates however written ("5.00" and "05.00"), the text itself when it is not a decimal. */
export function rateKey(item: VatItem): string {
  return item.rate === undefined ? item.aliquota : item.rate.toString()
}
