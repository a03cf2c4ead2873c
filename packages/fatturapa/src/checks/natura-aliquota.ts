import type { FatturaElettronicaBody } from '../model/body.ts'
import type { Natura } from '../model/code-lists.ts'
import type { SdiErrorCode } from '../sdi/sdi-error.ts'
import { ONE } from './decimal.ts'
import { riepilogoPath } from './paths.ts'
import { finding, type BodyRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'
import { cassaItems, lineItems, riepilogoItems, type VatItem } from './vat-items.ts'

/*
 * AliquotaIVA and Natura, wherever they appear: a zero rate needs a Natura (the reason no VAT is charged), a non-zero
 * rate must not have one. TD16 (internal reverse charge integration) is the tabulated exception for lines and summary
 * (FACTS.md §6, 00401/00430 [T]): it carries the rate of the integrated VAT together with an N6.x Natura.
 */

type Items = (body: FatturaElettronicaBody, index: number) => VatItem[]

function isTd16(body: FatturaElettronicaBody): boolean {
  return body.DatiGenerali.DatiGeneraliDocumento.TipoDocumento === 'TD16'
}

function missingNatura(code: SdiErrorCode, items: Items): BodyRule {
  return {
    code,
    ...SPEC_VERSIONS.fatturaPA,
    scope: 'body',
    check: (body, at) =>
      items(body, at.index)
        .filter((item) => item.rate === 0n && item.natura === undefined)
        .map((item) =>
          finding(
            `${item.path}.Natura`,
            `${item.label.it} ha AliquotaIVA ${item.aliquota} ma nessuna Natura`,
            `${item.label.en} has AliquotaIVA ${item.aliquota} but no Natura`,
          ),
        ),
  }
}

function unexpectedNatura(code: SdiErrorCode, items: Items, exceptTd16: boolean): BodyRule {
  return {
    code,
    ...SPEC_VERSIONS.fatturaPA,
    scope: 'body',
    check: (body, at) => {
      if (exceptTd16 && isTd16(body)) return []
      return items(body, at.index)
        .filter((item) => item.rate !== undefined && item.rate !== 0n && item.natura !== undefined)
        .map((item) =>
          finding(
            `${item.path}.Natura`,
            `${item.label.it} ha Natura ${item.natura} ma AliquotaIVA ${item.aliquota} diversa da zero`,
            `${item.label.en} has Natura ${item.natura} but a non-zero AliquotaIVA ${item.aliquota}`,
          ),
        )
    },
  }
}

export const lineNaturaMissing = missingNatura('00400', lineItems)
export const lineNaturaUnexpected = unexpectedNatura('00401', lineItems, true)
export const cassaNaturaMissing = missingNatura('00413', cassaItems)
export const cassaNaturaUnexpected = unexpectedNatura('00414', cassaItems, false)
export const riepilogoNaturaMissing = missingNatura('00429', riepilogoItems)
export const riepilogoNaturaUnexpected = unexpectedNatura('00430', riepilogoItems, true)

function everyItem(body: FatturaElettronicaBody, index: number): VatItem[] {
  return [...lineItems(body, index), ...cassaItems(body, index), ...riepilogoItems(body, index)]
}

export const rateAsPercentage: BodyRule = {
  code: '00424',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  // "Not a percentage" is taken as strictly between 0 and 1 (0.01 to 0.99): a fraction such as 0.22 written for 22%.
  // No Italian rate lies there (the lowest is 4%, the agricultural compensation rates are 2% and more); 0.00 is the
  // zero rate with a Natura, and 1.00 is a plausible percentage.
  check: (body, at) =>
    everyItem(body, at.index)
      .filter((item) => item.rate !== undefined && item.rate > 0n && item.rate < ONE)
      .map((item) =>
        finding(
          `${item.path}.AliquotaIVA`,
          `${item.label.it} ha AliquotaIVA ${item.aliquota}: va indicata in percentuale (22.00, non 0.22)`,
          `${item.label.en} has AliquotaIVA ${item.aliquota}: it must be a percentage (22.00, not 0.22)`,
        ),
      ),
}

const GENERIC_NATURE: ReadonlySet<Natura> = new Set<Natura>(['N2', 'N3', 'N6'])

export const genericNatura: BodyRule = {
  code: '00445',
  ...SPEC_VERSIONS.v1_6Mandatory,
  scope: 'body',
  check: (body, at) =>
    everyItem(body, at.index)
      .filter((item) => item.natura !== undefined && GENERIC_NATURE.has(item.natura))
      .map((item) =>
        finding(
          `${item.path}.Natura`,
          `${item.label.it} ha Natura ${item.natura}, codice generico non più ammesso (usare ${item.natura}.x)`,
          `${item.label.en} has Natura ${item.natura}, a generic code no longer allowed (use ${item.natura}.x)`,
        ),
      ),
}

export const reverseChargeNotSplit: BodyRule = {
  code: '00420',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  // N6 and every N6.x: reverse charge means the buyer pays the VAT, split payment that the PA pays it to the State.
  check: (body, at) =>
    body.DatiBeniServizi.DatiRiepilogo.flatMap((summary, k): Finding[] =>
      summary.Natura?.startsWith('N6') === true && summary.EsigibilitaIVA === 'S'
        ? [
            finding(
              `${riepilogoPath(at.index, k)}.EsigibilitaIVA`,
              `Il riepilogo ${k + 1} ha Natura ${summary.Natura} (inversione contabile) ed EsigibilitaIVA S (scissione dei pagamenti)`,
              `VAT summary ${k + 1} has Natura ${summary.Natura} (reverse charge) and EsigibilitaIVA S (split payment)`,
            ),
          ]
        : [],
    ),
}
