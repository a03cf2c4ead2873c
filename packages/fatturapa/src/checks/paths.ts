/*
 * Paths of the elements the content checks report, in the parser's notation: relative to the root, repeated elements
 * indexed from 0 (`FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[3].AliquotaIVA`). A missing element is
 * named where it would be, as the parser does for FATTURAPA_ERR_MISSING_ELEMENT.
 */

export const DATI_TRASMISSIONE = 'FatturaElettronicaHeader.DatiTrasmissione'
export const CEDENTE = 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici'
export const CESSIONARIO = 'FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici'
export const RAPPRESENTANTE = 'FatturaElettronicaHeader.RappresentanteFiscale.DatiAnagrafici'

export function bodyPath(body: number): string {
  return `FatturaElettronicaBody[${body}]`
}

/** 2.1 DatiGenerali of a body. */
export function generaliPath(body: number): string {
  return `${bodyPath(body)}.DatiGenerali`
}

/** 2.1.1 DatiGeneraliDocumento of a body. */
export function documentoPath(body: number): string {
  return `${generaliPath(body)}.DatiGeneraliDocumento`
}

/** 2.2.1 DettaglioLinee[line] of a body. */
export function linePath(body: number, line: number): string {
  return `${bodyPath(body)}.DatiBeniServizi.DettaglioLinee[${line}]`
}

/** 2.2.2 DatiRiepilogo[summary] of a body. */
export function riepilogoPath(body: number, summary: number): string {
  return `${bodyPath(body)}.DatiBeniServizi.DatiRiepilogo[${summary}]`
}

/** 2.1.1.7 DatiCassaPrevidenziale[cassa] of a body. */
export function cassaPath(body: number, cassa: number): string {
  return `${documentoPath(body)}.DatiCassaPrevidenziale[${cassa}]`
}

/**
 * Orders paths as a reader expects: text by code unit, indexes by number, so DettaglioLinee[2] comes before
 * DettaglioLinee[10]. Splitting on a capturing group puts the digit runs at the odd positions of both arrays.
 */
export function comparePaths(a: string, b: string): number {
  const left = a.split(/([0-9]+)/)
  const right = b.split(/([0-9]+)/)
  const length = Math.min(left.length, right.length)
  for (let i = 0; i < length; i++) {
    const x = left[i]!
    const y = right[i]!
    if (x === y) continue
    if (i % 2 === 1) return Number(x) - Number(y) || (x < y ? -1 : 1)
    return x < y ? -1 : 1
  }
  return left.length - right.length
}
