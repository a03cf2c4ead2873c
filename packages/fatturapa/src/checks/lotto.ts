import type { FatturaElettronicaBody } from '../model/body.ts'
import type { FatturaElettronica } from '../model/fattura.ts'
import { dayOf, yearOf } from './dates.ts'
import { documentoPath } from './paths.ts'
import { finding, type FileRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'

/*
 * 00409, an invoice duplicated inside the lotto: the in-file counterpart of 00404 (same seller — a lotto has one — same
 * TipoDocumento, same Numero, same year of Data). With 2.1.1.12 Art73 SI the same number may be reused in a year on
 * different dates (art. 73 DPR 633/72), so two bodies that both carry Art73 clash only on the same full Data.
 * Chosen reading, unverified against the Allegato A (FACTS.md §6 has 00404 [S] and 00409 [S]): the exact TipoDocumento
 * rather than a coarser class, so that an invoice TD01 n. 1 and its credit note TD04 n. 1 never clash; Numero compared
 * as written.
 */

function sameInvoice(a: FatturaElettronicaBody, b: FatturaElettronicaBody): boolean {
  const x = a.DatiGenerali.DatiGeneraliDocumento
  const y = b.DatiGenerali.DatiGeneraliDocumento
  if (x.TipoDocumento !== y.TipoDocumento || x.Numero !== y.Numero) return false
  if (x.Art73 === 'SI' && y.Art73 === 'SI') return dayOf(x.Data) === dayOf(y.Data)
  return yearOf(x.Data) === yearOf(y.Data)
}

/** Bodies that may be the same invoice, by TipoDocumento, Numero and year: sameInvoice decides within a group. */
function candidates(fattura: FatturaElettronica): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  fattura.FatturaElettronicaBody.forEach((body, i) => {
    const { TipoDocumento, Numero, Data } = body.DatiGenerali.DatiGeneraliDocumento
    const key = JSON.stringify([TipoDocumento, Numero, yearOf(Data)])
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [i])
    else group.push(i)
  })
  return groups
}

export const duplicateInLotto: FileRule = {
  code: '00409',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  // Each later body that repeats an earlier one is reported at its Numero, naming the first occurrence. Grouping first
  // keeps a lotto of thousands of invoices linear.
  check: (fattura: FatturaElettronica) => {
    const bodies = fattura.FatturaElettronicaBody
    const findings: Finding[] = []
    for (const group of candidates(fattura).values()) {
      for (const i of group) {
        const first = group.find((j) => sameInvoice(bodies[j]!, bodies[i]!))
        if (first !== undefined && first !== i) findings.push(repeated(bodies[i]!, i, first))
      }
    }
    return findings
  },
}

function repeated(body: FatturaElettronicaBody, i: number, first: number): Finding {
  const { TipoDocumento: td, Numero: numero, Data: data } = body.DatiGenerali.DatiGeneraliDocumento
  return finding(
    `${documentoPath(i)}.Numero`,
    `La fattura ${i + 1} del lotto (${td} n. ${numero} del ${data}) ripete la fattura ${first + 1}`,
    `Invoice ${i + 1} of the batch (${td} no. ${numero} of ${data}) repeats invoice ${first + 1}`,
  )
}
