import { finding, type BodyRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'
import { rateKey, riepilogoItems, taxedItems, type VatItem } from './vat-items.ts'

/*
 * The VAT summary (2.2.2 DatiRiepilogo) must account for the rates and Natura codes of the lines (2.2.1) and the
 * pension funds (2.1.1.7), and only for them. Split so that one mistake gives one code:
 * - 00419: a rate used by a line or cassa has no summary block (reported once per rate, at its first use);
 * - 00443: a summary block's rate is used by no line or cassa;
 * - 00444: a Natura of a line or cassa is in no summary block (once per code, at its first use), or a summary block's
 *   Natura is used by no line or cassa.
 * Rates are compared as numbers. The introduction date of 00443/00444 is unverified (see spec-versions.ts).
 */

/** Items whose key is not among `known`, each key reported once, at its first item. */
function firstUnmatched(items: readonly VatItem[], key: (item: VatItem) => string | undefined, known: Set<string>) {
  const reported = new Set<string>()
  return items.filter((item) => {
    const value = key(item)
    if (value === undefined || known.has(value) || reported.has(value)) return false
    reported.add(value)
    return true
  })
}

function keys(items: readonly VatItem[], key: (item: VatItem) => string | undefined): Set<string> {
  return new Set(items.map(key).filter((value) => value !== undefined))
}

const natura = (item: VatItem): string | undefined => item.natura

export const rateWithoutSummary: BodyRule = {
  code: '00419',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  check: (body, at) => {
    const summaryRates = keys(riepilogoItems(body, at.index), rateKey)
    return firstUnmatched(taxedItems(body, at.index), rateKey, summaryRates).map((item) =>
      finding(
        `${item.path}.AliquotaIVA`,
        `${item.label.it} ha AliquotaIVA ${item.aliquota} ma nessun DatiRiepilogo ha questa aliquota`,
        `${item.label.en} has AliquotaIVA ${item.aliquota} but no DatiRiepilogo has this rate`,
      ),
    )
  },
}

export const summaryRateUnused: BodyRule = {
  code: '00443',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  check: (body, at) => {
    const usedRates = keys(taxedItems(body, at.index), rateKey)
    return riepilogoItems(body, at.index)
      .filter((item) => !usedRates.has(rateKey(item)))
      .map((item) =>
        finding(
          `${item.path}.AliquotaIVA`,
          `${item.label.it} ha AliquotaIVA ${item.aliquota} ma nessuna riga o cassa previdenziale ha questa aliquota`,
          `${item.label.en} has AliquotaIVA ${item.aliquota} but no line or pension fund has this rate`,
        ),
      )
  },
}

export const naturaMismatch: BodyRule = {
  code: '00444',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  check: (body, at) => {
    const taxed = taxedItems(body, at.index)
    const summaries = riepilogoItems(body, at.index)
    const missing = firstUnmatched(taxed, natura, keys(summaries, natura)).map((item): Finding =>
      finding(
        `${item.path}.Natura`,
        `${item.label.it} ha Natura ${item.natura} ma nessun DatiRiepilogo ha questa Natura`,
        `${item.label.en} has Natura ${item.natura} but no DatiRiepilogo has this Natura`,
      ),
    )
    const used = keys(taxed, natura)
    const unused = summaries
      .filter((item) => item.natura !== undefined && !used.has(item.natura))
      .map((item) =>
        finding(
          `${item.path}.Natura`,
          `${item.label.it} ha Natura ${item.natura} ma nessuna riga o cassa previdenziale ha questa Natura`,
          `${item.label.en} has Natura ${item.natura} but no line or pension fund has this Natura`,
        ),
      )
    return [...missing, ...unused]
  },
}
