import { CASSA, LINE, SUMMARY, aLine, aSummary, addCassa, addLine, documento0, lines0, summaries0 } from './builder.ts'
import type { RuleCase } from './case.ts'

/* AliquotaIVA and Natura in lines, pension funds and VAT summary; the summary's coverage of them. */

export const vatCases: readonly RuleCase[] = [
  // 00400 / 00401: lines
  {
    code: '00400',
    name: 'zero-rate line without Natura',
    edit: (f) => addLine(f, '0.00', undefined, 'N1'),
    fails: [`${LINE(1)}.Natura`],
    also: [{ code: '00444', path: `${SUMMARY(1)}.Natura` }],
  },
  { code: '00400', name: 'zero-rate line with N1', edit: (f) => addLine(f, '0.00', 'N1'), fails: [] },
  {
    code: '00401',
    name: '22% line with Natura N1',
    edit: (f) => {
      lines0(f)[0]!.Natura = 'N1'
    },
    fails: [`${LINE(0)}.Natura`],
    also: [{ code: '00444', path: `${LINE(0)}.Natura` }],
  },
  {
    code: '00401',
    name: 'TD16 carries the integrated rate with N6.3',
    edit: (f) => {
      documento0(f).TipoDocumento = 'TD16'
      lines0(f)[0]!.Natura = 'N6.3'
      summaries0(f)[0]!.Natura = 'N6.3'
    },
    fails: [],
  },
  // 00413 / 00414: pension funds
  {
    code: '00413',
    name: 'zero-rate cassa without Natura',
    edit: (f) => {
      addCassa(f, '0.00')
      summaries0(f).push(aSummary({ AliquotaIVA: '0.00', Natura: 'N2.2', ImponibileImporto: '4.00', Imposta: '0.00' }))
    },
    fails: [`${CASSA(0)}.Natura`],
    also: [{ code: '00444', path: `${SUMMARY(1)}.Natura` }],
  },
  {
    code: '00413',
    name: 'cassa at 22% in the 22% summary',
    edit: (f) => {
      addCassa(f, '22.00')
      summaries0(f)[0] = aSummary({ ImponibileImporto: '104.00', Imposta: '22.88' })
    },
    fails: [],
  },
  {
    code: '00414',
    name: 'cassa at 22% with Natura N2.2',
    edit: (f) => {
      addCassa(f, '22.00', 'N2.2')
    },
    fails: [`${CASSA(0)}.Natura`],
    also: [{ code: '00444', path: `${CASSA(0)}.Natura` }],
  },
  {
    code: '00414',
    name: 'zero-rate cassa with N2.2',
    edit: (f) => {
      addCassa(f, '0.00', 'N2.2')
      summaries0(f).push(aSummary({ AliquotaIVA: '0.00', Natura: 'N2.2', ImponibileImporto: '4.00', Imposta: '0.00' }))
    },
    fails: [],
  },
  // 00429 / 00430: summary
  {
    code: '00429',
    name: 'zero-rate summary without Natura',
    edit: (f) => addLine(f, '0.00', 'N1', ''),
    fails: [`${SUMMARY(1)}.Natura`],
    also: [{ code: '00444', path: `${LINE(1)}.Natura` }],
  },
  { code: '00429', name: 'zero-rate summary with N1', edit: (f) => addLine(f, '0.00', 'N1'), fails: [] },
  {
    code: '00430',
    name: '22% summary with Natura N1',
    edit: (f) => {
      summaries0(f)[0]!.Natura = 'N1'
    },
    fails: [`${SUMMARY(0)}.Natura`],
    also: [{ code: '00444', path: `${SUMMARY(0)}.Natura` }],
  },
  {
    code: '00430',
    name: 'TD16 summary with the integrated rate and N6.2',
    edit: (f) => {
      documento0(f).TipoDocumento = 'TD16'
      lines0(f)[0]!.Natura = 'N6.2'
      summaries0(f)[0]!.Natura = 'N6.2'
    },
    fails: [],
  },
  // 00419 / 00443 / 00444: summary coverage
  {
    code: '00419',
    name: 'a 10% line without a 10% summary (reported once for two lines)',
    edit: (f) => {
      addLine(f, '10.00', undefined, null)
      lines0(f).push(aLine(3, { Quantita: '1.00', PrezzoUnitario: '5.00', PrezzoTotale: '5.00', AliquotaIVA: '10.00' }))
    },
    fails: [`${LINE(1)}.AliquotaIVA`],
  },
  {
    code: '00419',
    name: 'a zero-rate cassa without a zero-rate summary',
    edit: (f) => addCassa(f, '0.00', 'N2.2'),
    fails: [`${CASSA(0)}.AliquotaIVA`],
    also: [{ code: '00444', path: `${CASSA(0)}.Natura` }],
  },
  { code: '00419', name: 'a 10% line with its summary', edit: (f) => addLine(f, '10.00'), fails: [] },
  {
    code: '00443',
    name: 'a 10% summary no line uses',
    edit: (f) => {
      summaries0(f).push(aSummary({ AliquotaIVA: '10.00', ImponibileImporto: '0.00', Imposta: '0.00' }))
    },
    fails: [`${SUMMARY(1)}.AliquotaIVA`],
  },
  {
    code: '00443',
    name: 'a 10% summary for a 10% cassa (no 10% line)',
    edit: (f) => {
      addCassa(f, '10.00')
      summaries0(f).push(aSummary({ AliquotaIVA: '10.00', ImponibileImporto: '4.00', Imposta: '0.40' }))
    },
    fails: [],
  },
  {
    code: '00444',
    name: 'line N2.1, summary N2.2',
    edit: (f) => addLine(f, '0.00', 'N2.1', 'N2.2'),
    fails: [`${LINE(1)}.Natura`, `${SUMMARY(1)}.Natura`],
  },
  {
    code: '00444',
    name: 'two Natura codes at zero rate, each with its summary',
    edit: (f) => {
      addLine(f, '0.00', 'N2.1')
      lines0(f).push(
        aLine(3, { Quantita: '1.00', PrezzoUnitario: '5.00', PrezzoTotale: '5.00', AliquotaIVA: '0.00', Natura: 'N4' }),
      )
      summaries0(f).push(aSummary({ AliquotaIVA: '0.00', Natura: 'N4', ImponibileImporto: '5.00', Imposta: '0.00' }))
    },
    fails: [],
  },
  // 00420: reverse charge with split payment
  {
    code: '00420',
    name: 'N6.1 with EsigibilitaIVA S',
    edit: (f) => {
      addLine(f, '0.00', 'N6.1')
      summaries0(f)[1]!.EsigibilitaIVA = 'S'
    },
    fails: [`${SUMMARY(1)}.EsigibilitaIVA`],
  },
  {
    code: '00420',
    name: 'S with a taxed rate, N6.1 with I',
    edit: (f) => {
      summaries0(f)[0]!.EsigibilitaIVA = 'S'
      addLine(f, '0.00', 'N6.1')
    },
    fails: [],
  },
  // 00424: rates as fractions
  {
    code: '00424',
    name: '0.22 instead of 22.00 in line and summary',
    edit: (f) => {
      lines0(f)[0]!.AliquotaIVA = '0.22'
      summaries0(f)[0] = aSummary({ AliquotaIVA: '0.22', Imposta: '0.22' })
    },
    fails: [`${LINE(0)}.AliquotaIVA`, `${SUMMARY(0)}.AliquotaIVA`],
  },
  {
    code: '00424',
    name: '0.99 in a cassa',
    edit: (f) => {
      addCassa(f, '0.99')
      summaries0(f).push(aSummary({ AliquotaIVA: '0.99', ImponibileImporto: '4.00', Imposta: '0.04' }))
    },
    fails: [`${CASSA(0)}.AliquotaIVA`, `${SUMMARY(1)}.AliquotaIVA`],
  },
  {
    code: '00424',
    name: '1.00 is a percentage',
    edit: (f) => {
      lines0(f)[0]!.AliquotaIVA = '1.00'
      summaries0(f)[0] = aSummary({ AliquotaIVA: '1.00', Imposta: '1.00' })
    },
    fails: [],
  },
  // 00445: generic Natura codes (invoices from 2021-01-01)
  {
    code: '00445',
    name: 'N2 in line and summary',
    edit: (f) => addLine(f, '0.00', 'N2'),
    fails: [`${LINE(1)}.Natura`, `${SUMMARY(1)}.Natura`],
  },
  {
    code: '00445',
    name: 'N3 in a cassa, N6 in a line',
    edit: (f) => {
      addCassa(f, '0.00', 'N3')
      addLine(f, '0.00', 'N6', null)
      summaries0(f).push(aSummary({ AliquotaIVA: '0.00', Natura: 'N3', ImponibileImporto: '4.00', Imposta: '0.00' }))
      summaries0(f).push(aSummary({ AliquotaIVA: '0.00', Natura: 'N6', ImponibileImporto: '10.00', Imposta: '0.00' }))
    },
    fails: [`${CASSA(0)}.Natura`, `${LINE(1)}.Natura`, `${SUMMARY(1)}.Natura`, `${SUMMARY(2)}.Natura`],
  },
  ...(['N2.1', 'N2.2', 'N3.1', 'N3.6', 'N6.1', 'N6.9'] as const).map((natura): RuleCase => ({
    code: '00445',
    name: natura,
    edit: (f) => addLine(f, '0.00', natura),
    fails: [],
  })),
]
