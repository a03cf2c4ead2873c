import type { ScontoMaggiorazione } from '../model/common.ts'
import type { LocalizedText } from '../sdi/sdi-error.ts'
import { documentoPath, linePath } from './paths.ts'
import { finding, type BodyRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'

/* Withholding tax (2.1.1.5 DatiRitenuta) and discounts/surcharges (ScontoMaggiorazione). */

export const lineRitenuta: BodyRule = {
  code: '00411',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  // One error per body, at the missing DatiRitenuta; the message names the lines subject to withholding.
  check: (body, at) => {
    if (body.DatiGenerali.DatiGeneraliDocumento.DatiRitenuta !== undefined) return []
    const lines = body.DatiBeniServizi.DettaglioLinee.filter((line) => line.Ritenuta === 'SI').map((l) => l.NumeroLinea)
    if (lines.length === 0) return []
    const list = lines.join(', ')
    return [
      finding(
        `${documentoPath(at.index)}.DatiRitenuta`,
        `Manca DatiRitenuta ma le righe ${list} hanno Ritenuta SI`,
        `DatiRitenuta is missing but lines ${list} have Ritenuta SI`,
      ),
    ]
  },
}

export const cassaRitenuta: BodyRule = {
  code: '00415',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  check: (body, at) => {
    const documento = body.DatiGenerali.DatiGeneraliDocumento
    if (documento.DatiRitenuta !== undefined) return []
    const casse = (documento.DatiCassaPrevidenziale ?? []).filter((cassa) => cassa.Ritenuta === 'SI')
    if (casse.length === 0) return []
    const list = casse.map((cassa) => cassa.TipoCassa).join(', ')
    return [
      finding(
        `${documentoPath(at.index)}.DatiRitenuta`,
        `Manca DatiRitenuta ma la cassa previdenziale ${list} ha Ritenuta SI`,
        `DatiRitenuta is missing but pension fund ${list} has Ritenuta SI`,
      ),
    ]
  },
}

function emptyAdjustments(
  adjustments: readonly ScontoMaggiorazione[] | undefined,
  owner: LocalizedText,
  path: (k: number) => string,
): Finding[] {
  return (adjustments ?? []).flatMap((sm, k): Finding[] =>
    sm.Percentuale === undefined && sm.Importo === undefined
      ? [
          finding(
            path(k),
            `${owner.it}: ScontoMaggiorazione ${k + 1} ha Tipo ${sm.Tipo} ma né Percentuale né Importo`,
            `${owner.en}: ScontoMaggiorazione ${k + 1} has Tipo ${sm.Tipo} but neither Percentuale nor Importo`,
          ),
        ]
      : [],
  )
}

export const documentAdjustmentEmpty: BodyRule = {
  code: '00437',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  check: (body, at) =>
    emptyAdjustments(
      body.DatiGenerali.DatiGeneraliDocumento.ScontoMaggiorazione,
      { it: 'Documento', en: 'Document' },
      (k) => `${documentoPath(at.index)}.ScontoMaggiorazione[${k}]`,
    ),
}

export const lineAdjustmentEmpty: BodyRule = {
  code: '00438',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  check: (body, at) =>
    body.DatiBeniServizi.DettaglioLinee.flatMap((line, j) =>
      emptyAdjustments(
        line.ScontoMaggiorazione,
        { it: `Riga ${line.NumeroLinea}`, en: `Line ${line.NumeroLinea}` },
        (k) => `${linePath(at.index, j)}.ScontoMaggiorazione[${k}]`,
      ),
    ),
}
