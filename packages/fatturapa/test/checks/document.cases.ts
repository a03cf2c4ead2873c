import { DOC0, LINE, SUMMARY, aBody, addCassa, documento0, lines0, summaries0 } from './builder.ts'
import type { RuleCase } from './case.ts'

/* Date, number, withholding, discounts and the arithmetic of one invoice; duplicates inside a lotto. */

const B1_NUMERO = 'FatturaElettronicaBody[1].DatiGenerali.DatiGeneraliDocumento.Numero'

export const documentCases: readonly RuleCase[] = [
  // 00403: Data after the reception day (CONTEXT: 2025-07-01 in Rome)
  {
    code: '00403',
    name: 'dated the day after reception',
    edit: (f) => {
      documento0(f).Data = '2025-07-02'
    },
    fails: [`${DOC0}.Data`],
  },
  {
    code: '00403',
    name: 'dated the day of reception',
    edit: (f) => {
      documento0(f).Data = '2025-07-01'
    },
    fails: [],
  },
  // 00409: duplicate inside the lotto
  {
    code: '00409',
    name: 'TD01 FT/1 twice in the same year',
    edit: (f) => f.FatturaElettronicaBody.push(aBody('FT/1', '2025-01-10')),
    fails: [B1_NUMERO],
  },
  {
    code: '00409',
    name: 'same number in another year',
    edit: (f) => f.FatturaElettronicaBody.push(aBody('FT/1', '2024-12-31')),
    fails: [],
  },
  {
    code: '00409',
    name: 'same number, another TipoDocumento',
    edit: (f) => {
      const credit = aBody('FT/1', '2025-06-30')
      credit.DatiGenerali.DatiGeneraliDocumento.TipoDocumento = 'TD04'
      f.FatturaElettronicaBody.push(credit)
    },
    fails: [],
  },
  {
    code: '00409',
    name: 'Art73 on both, different days',
    edit: (f) => {
      const other = aBody('FT/1', '2025-06-29')
      other.DatiGenerali.DatiGeneraliDocumento.Art73 = 'SI'
      documento0(f).Art73 = 'SI'
      f.FatturaElettronicaBody.push(other)
    },
    fails: [],
  },
  {
    code: '00409',
    name: 'Art73 on both, same day',
    edit: (f) => {
      const other = aBody('FT/1', '2025-06-30')
      other.DatiGenerali.DatiGeneraliDocumento.Art73 = 'SI'
      documento0(f).Art73 = 'SI'
      f.FatturaElettronicaBody.push(other)
    },
    fails: [B1_NUMERO],
  },
  {
    code: '00409',
    name: 'three bodies, the third repeats the first',
    edit: (f) => f.FatturaElettronicaBody.push(aBody('FT/2'), aBody('FT/1', '2025-02-01')),
    fails: ['FatturaElettronicaBody[2].DatiGenerali.DatiGeneraliDocumento.Numero'],
  },
  // 00411 / 00415: Ritenuta SI needs DatiRitenuta
  {
    code: '00411',
    name: 'line with Ritenuta SI, no DatiRitenuta',
    edit: (f) => {
      lines0(f)[0]!.Ritenuta = 'SI'
    },
    fails: [`${DOC0}.DatiRitenuta`],
  },
  {
    code: '00411',
    name: 'line with Ritenuta SI and DatiRitenuta',
    edit: (f) => {
      lines0(f)[0]!.Ritenuta = 'SI'
      documento0(f).DatiRitenuta = [
        { TipoRitenuta: 'RT01', ImportoRitenuta: '20.00', AliquotaRitenuta: '20.00', CausalePagamento: 'A' },
      ]
    },
    fails: [],
  },
  {
    code: '00415',
    name: 'cassa with Ritenuta SI, no DatiRitenuta',
    edit: (f) => {
      addCassa(f, '22.00', undefined, true)
      summaries0(f)[0]!.ImponibileImporto = '104.00'
      summaries0(f)[0]!.Imposta = '22.88'
    },
    fails: [`${DOC0}.DatiRitenuta`],
  },
  {
    code: '00415',
    name: 'cassa without Ritenuta',
    edit: (f) => {
      addCassa(f, '22.00')
      summaries0(f)[0]!.ImponibileImporto = '104.00'
      summaries0(f)[0]!.Imposta = '22.88'
    },
    fails: [],
  },
  // 00418: credit note dated before the invoice it corrects
  {
    code: '00418',
    name: 'TD04 of 2025-03-01 for an invoice of 2025-03-02',
    edit: (f) => {
      documento0(f).TipoDocumento = 'TD04'
      documento0(f).Data = '2025-03-01'
      f.FatturaElettronicaBody[0]!.DatiGenerali.DatiFattureCollegate = [
        { IdDocumento: 'FT/0', Data: '2025-02-01' },
        { IdDocumento: 'FT/9', Data: '2025-03-02' },
      ]
    },
    fails: ['FatturaElettronicaBody[0].DatiGenerali.DatiFattureCollegate[1].Data'],
  },
  {
    code: '00418',
    name: 'TD04 of the same day as the invoice; a linked document without Data',
    edit: (f) => {
      documento0(f).TipoDocumento = 'TD04'
      f.FatturaElettronicaBody[0]!.DatiGenerali.DatiFattureCollegate = [
        { IdDocumento: 'FT/0', Data: '2025-06-30' },
        { IdDocumento: 'FT/9' },
      ]
    },
    fails: [],
  },
  {
    code: '00418',
    name: 'a TD01 linked to a later document is not a credit note',
    edit: (f) => {
      f.FatturaElettronicaBody[0]!.DatiGenerali.DatiFattureCollegate = [{ IdDocumento: 'X/1', Data: '2025-07-01' }]
    },
    fails: [],
  },
  // 00421 / 00422 / 00423: the arithmetic (edge cases in rounding.unit.test.ts)
  {
    code: '00421',
    name: 'Imposta 1.01 over',
    edit: (f) => {
      summaries0(f)[0]!.Imposta = '23.01'
    },
    fails: [`${SUMMARY(0)}.Imposta`],
  },
  {
    code: '00421',
    name: 'Imposta exactly 1.00 under',
    edit: (f) => {
      summaries0(f)[0]!.Imposta = '21.00'
    },
    fails: [],
  },
  {
    code: '00422',
    name: 'ImponibileImporto 1.01 over',
    edit: (f) => {
      summaries0(f)[0]!.ImponibileImporto = '101.01'
    },
    fails: [`${SUMMARY(0)}.ImponibileImporto`],
  },
  {
    code: '00422',
    name: 'ImponibileImporto exactly 1.00 over',
    edit: (f) => {
      summaries0(f)[0]!.ImponibileImporto = '101.00'
    },
    fails: [],
  },
  {
    code: '00423',
    name: 'PrezzoTotale 0.02 over',
    edit: (f) => {
      lines0(f)[0]!.PrezzoTotale = '100.02'
    },
    fails: [`${LINE(0)}.PrezzoTotale`],
  },
  {
    code: '00423',
    name: 'PrezzoTotale 0.01 over',
    edit: (f) => {
      lines0(f)[0]!.PrezzoTotale = '100.01'
    },
    fails: [],
  },
  // 00425: Numero needs a digit
  ...['FT/A', 'ABC', '-/-'].map((numero): RuleCase => ({
    code: '00425',
    name: `Numero ${numero}`,
    edit: (f) => {
      documento0(f).Numero = numero
    },
    fails: [`${DOC0}.Numero`],
  })),
  ...['1', 'A1', '2025/FT/0001'].map((numero): RuleCase => ({
    code: '00425',
    name: `Numero ${numero}`,
    edit: (f) => {
      documento0(f).Numero = numero
    },
    fails: [],
  })),
  // 00437 / 00438: ScontoMaggiorazione with only its Tipo
  {
    code: '00437',
    name: 'document discount without Percentuale and Importo',
    edit: (f) => {
      documento0(f).ScontoMaggiorazione = [{ Tipo: 'SC', Importo: '1.00' }, { Tipo: 'SC' }]
    },
    fails: [`${DOC0}.ScontoMaggiorazione[1]`],
  },
  {
    code: '00437',
    name: 'document discount with Percentuale',
    edit: (f) => {
      documento0(f).ScontoMaggiorazione = [{ Tipo: 'MG', Percentuale: '5.00' }]
    },
    fails: [],
  },
  {
    code: '00438',
    name: 'line surcharge without Percentuale and Importo',
    edit: (f) => {
      lines0(f)[0]!.ScontoMaggiorazione = [{ Tipo: 'SC', Percentuale: '10.00' }, { Tipo: 'MG' }]
      lines0(f)[0]!.PrezzoTotale = '90.00'
      summaries0(f)[0] = { ...summaries0(f)[0]!, ImponibileImporto: '90.00', Imposta: '19.80' }
    },
    fails: [`${LINE(0)}.ScontoMaggiorazione[1]`],
  },
  {
    code: '00438',
    name: 'line discount with Importo',
    edit: (f) => {
      lines0(f)[0]!.ScontoMaggiorazione = [{ Tipo: 'SC', Importo: '10.00' }]
      lines0(f)[0]!.PrezzoTotale = '90.00'
      summaries0(f)[0] = { ...summaries0(f)[0]!, ImponibileImporto: '90.00', Imposta: '19.80' }
    },
    fails: [],
  },
]
