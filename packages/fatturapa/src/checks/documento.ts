import { compareDates, romeDay } from './dates.ts'
import { documentoPath, generaliPath } from './paths.ts'
import { finding, type BodyRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'

/* 2.1.1 DatiGeneraliDocumento: date and number of each invoice. */

export const dateNotAfterReception: BodyRule = {
  code: '00403',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  // The reception date is the calendar day in Italy of SdI's DataOraRicezione (dates.ts).
  check: (body, at) => {
    const data = body.DatiGenerali.DatiGeneraliDocumento.Data
    const received = romeDay(at.context.receivedAt)
    if ((compareDates(data, received) ?? 0) <= 0) return []
    return [
      finding(
        `${documentoPath(at.index)}.Data`,
        `La fattura ha Data ${data}, successiva alla data di ricezione ${received}`,
        `The invoice is dated ${data}, after the date of reception ${received}`,
      ),
    ]
  },
}

export const creditNoteAfterInvoice: BodyRule = {
  code: '00418',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  // TD04 only (FACTS.md §6 [T]); each linked invoice (2.1.6 DatiFattureCollegate) with a Data later than the credit
  // note's is reported at that Data.
  check: (body, at) => {
    const documento = body.DatiGenerali.DatiGeneraliDocumento
    if (documento.TipoDocumento !== 'TD04') return []
    return (body.DatiGenerali.DatiFattureCollegate ?? []).flatMap((linked, k): Finding[] => {
      if (linked.Data === undefined || (compareDates(documento.Data, linked.Data) ?? 0) >= 0) return []
      return [
        finding(
          `${generaliPath(at.index)}.DatiFattureCollegate[${k}].Data`,
          `La nota di credito ha Data ${documento.Data}, precedente alla Data ${linked.Data} della fattura collegata ${linked.IdDocumento}`,
          `The credit note is dated ${documento.Data}, before the date ${linked.Data} of the linked invoice ${linked.IdDocumento}`,
        ),
      ]
    })
  },
}

export const numeroHasDigit: BodyRule = {
  code: '00425',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'body',
  check: (body, at) => {
    const numero = body.DatiGenerali.DatiGeneraliDocumento.Numero
    if (/[0-9]/.test(numero)) return []
    return [
      finding(
        `${documentoPath(at.index)}.Numero`,
        `Numero ${numero} non contiene alcuna cifra`,
        `Numero ${numero} contains no digit`,
      ),
    ]
  },
}
