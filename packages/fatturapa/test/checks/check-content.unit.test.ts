import { describe, expect, it } from 'vitest'
import {
  CONTENT_RULES,
  ContentCheckContextError,
  SPEC_VERSIONS,
  checkContent,
  inForce,
} from '../../src/checks/index.ts'
import { sdiErrorCatalog } from '../../src/sdi/sdi-error.ts'
import type { FatturaElettronica } from '../../src/index.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'
import {
  BUYER,
  CONTEXT,
  LINE,
  SELLER_VAT,
  aBody,
  aLine,
  aSummary,
  body0,
  addLine,
  anInvoice,
  buyer,
  documento0,
  lines0,
  seller,
  trasmissione,
} from './builder.ts'

const codesAndPaths = (f: FatturaElettronica) => checkContent(f, CONTEXT).map(({ code, path }) => ({ code, path }))

/** The codes the brief asks for, all decidable from the file alone. */
// prettier-ignore
const DECIDABLE = [
  '00300', '00301', '00303', '00305', '00306', '00313', '00330', '00400', '00401', '00403', '00409', '00411', '00413',
  '00414', '00415', '00417', '00418', '00419', '00420', '00421', '00422', '00423', '00424', '00425', '00427',
  '00428', '00429', '00430', '00437', '00438', '00443', '00444', '00445', '00471', '00472', '00473', '00474',
  '00475', '00476',
]

describe('the rules as data', () => {
  it('are exactly the decidable codes, once each, in code order', () => {
    expect(CONTENT_RULES.map((rule) => rule.code)).toEqual(DECIDABLE)
  })

  it.each(CONTENT_RULES.map((rule) => [rule.code, rule] as const))('%s says where it comes from', (code, rule) => {
    expect(sdiErrorCatalog[code]).toBeDefined()
    expect(rule.since).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)
    expect(Object.values(SPEC_VERSIONS).some((v) => v.since === rule.since && v.spec === rule.spec)).toBe(true)
    expect(rule.source.length).toBeGreaterThan(20)
  })
})

describe('date dependence: a rule judges invoices dated on or after its start', () => {
  const dated = (data: string, edit: (f: FatturaElettronica) => void) => {
    const f = anInvoice()
    edit(f)
    documento0(f).Data = data
    return codesAndPaths(f).map((error) => error.code)
  }
  const genericN2 = (f: FatturaElettronica) => addLine(f, '0.00', 'N2')
  const toOneself = (f: FatturaElettronica) => {
    buyer(f).IdFiscaleIVA = { IdPaese: 'IT', IdCodice: SELLER_VAT }
  }
  const nonResident = (f: FatturaElettronica) => {
    trasmissione(f).CodiceDestinatario = 'XXXXXXX'
  }
  const badTransmitter = (f: FatturaElettronica) => {
    trasmissione(f).IdTrasmittente.IdCodice = '01234567890'
  }

  it.each([
    {
      code: '00445',
      name: 'generic N2 in line and summary',
      edit: genericN2,
      before: '2020-12-31',
      from: '2021-01-01',
    },
    { code: '00471', name: 'TD01 to oneself', edit: toOneself, before: '2020-09-30', from: '2020-10-01' },
    { code: '00313', name: 'XXXXXXX, Italian buyer', edit: nonResident, before: '2018-06-30', from: '2018-07-01' },
    { code: '00300', name: 'bad transmitter code', edit: badTransmitter, before: '2014-06-05', from: '2014-06-06' },
  ])('$code $name: not on $before, from $from', ({ code, edit, before, from }) => {
    expect(dated(before, edit)).toEqual([])
    const after = dated(from, edit)
    expect(after.length).toBeGreaterThan(0)
    expect(after.every((found) => found === code)).toBe(true)
  })

  it('judges each invoice of a lotto by its own date', () => {
    const f = anInvoice()
    documento0(f).Data = '2020-12-31'
    addLine(f, '0.00', 'N2')
    const later = structuredClone(f.FatturaElettronicaBody[0]!)
    later.DatiGenerali.DatiGeneraliDocumento = {
      ...later.DatiGenerali.DatiGeneraliDocumento,
      Numero: 'FT/2',
      Data: '2021-01-01',
    }
    f.FatturaElettronicaBody.push(later)
    expect(codesAndPaths(f)).toEqual([
      { code: '00445', path: 'FatturaElettronicaBody[1].DatiBeniServizi.DatiRiepilogo[1].Natura' },
      { code: '00445', path: 'FatturaElettronicaBody[1].DatiBeniServizi.DettaglioLinee[1].Natura' },
    ])
  })

  it('applies a file rule when it is in force for at least one invoice of the lotto', () => {
    const f = anInvoice()
    seller(f).IdFiscaleIVA = { IdPaese: 'FR', IdCodice: '12345678901' }
    buyer(f).IdFiscaleIVA = { IdPaese: 'DE', IdCodice: '123456789' }
    documento0(f).Data = '2020-09-30'
    expect(codesAndPaths(f)).toEqual([])
    f.FatturaElettronicaBody.push(aBody('FT/2', '2020-10-01'))
    expect(codesAndPaths(f)).toEqual([{ code: '00476', path: `${BUYER}.IdFiscaleIVA.IdPaese` }])
  })

  it('exposes the test it uses', () => {
    expect(inForce({ since: '2021-01-01' }, '2020-12-31')).toBe(false)
    expect(inForce({ since: '2021-01-01' }, '2021-01-01')).toBe(true)
    expect(inForce({ since: '2021-01-01' }, '2021-01-01+01:00')).toBe(true)
    expect(inForce({ since: '2021-01-01' }, 'not a date')).toBe(false)
  })
})

describe('checkContent', () => {
  it('orders errors by path, indexes as numbers, then by code', () => {
    const f = anInvoice()
    for (let n = 2; n <= 11; n++)
      lines0(f).push(aLine(n, { Quantita: '1.00', PrezzoUnitario: '0.00', PrezzoTotale: '0.00' }))
    lines0(f)[10]!.PrezzoTotale = '0.05'
    lines0(f)[2]!.PrezzoTotale = '0.05'
    lines0(f)[2]!.Natura = 'N1'
    expect(codesAndPaths(f)).toEqual([
      { code: '00401', path: `${LINE(2)}.Natura` },
      { code: '00444', path: `${LINE(2)}.Natura` },
      { code: '00423', path: `${LINE(2)}.PrezzoTotale` },
      { code: '00423', path: `${LINE(10)}.PrezzoTotale` },
    ])
  })

  it('is pure: same answer twice, the invoice untouched', () => {
    const f = aFullInvoice()
    const copy = structuredClone(f)
    const first = checkContent(f, CONTEXT)
    expect(checkContent(f, CONTEXT)).toEqual(first)
    expect(f).toEqual(copy)
  })

  it('runs only the rules it is given', () => {
    const f = anInvoice()
    lines0(f)[0]!.PrezzoTotale = '1.00'
    expect(checkContent(f, CONTEXT, [])).toEqual([])
    expect(
      checkContent(
        f,
        CONTEXT,
        CONTENT_RULES.filter((rule) => rule.code === '00423'),
      ),
    ).toHaveLength(1)
  })

  it('stays linear on large files: 20 000 lines, a lotto of 2 000 invoices', () => {
    const f = anInvoice()
    body0(f).DatiBeniServizi = {
      DettaglioLinee: Array.from({ length: 20_000 }, (_, i) => aLine(i + 1)),
      DatiRiepilogo: [aSummary({ ImponibileImporto: '2000000.00', Imposta: '440000.00' })],
    }
    expect(checkContent(f, CONTEXT)).toEqual([])
    const lotto = anInvoice()
    lotto.FatturaElettronicaBody = Array.from({ length: 2_000 }, (_, i) => aBody(`FT/${i + 1}`))
    lotto.FatturaElettronicaBody.push(aBody('FT/7'))
    expect(codesAndPaths(lotto)).toEqual([
      { code: '00409', path: 'FatturaElettronicaBody[2000].DatiGenerali.DatiGeneraliDocumento.Numero' },
    ])
  })

  it('refuses an invalid reception time', () => {
    expect(() => checkContent(anInvoice(), { receivedAt: new Date('nonsense') })).toThrow(ContentCheckContextError)
    expect(() => checkContent(anInvoice(), { receivedAt: new Date('nonsense') })).toThrow(
      expect.objectContaining({ code: 'FATTURAPA_ERR_CHECK_CONTEXT' }),
    )
  })

  it('reports in both languages what is wrong with this file', () => {
    const f = anInvoice()
    lines0(f)[0]!.AliquotaIVA = '0.00'
    const [error] = checkContent(f, CONTEXT).filter((e) => e.code === '00400')
    expect(error).toEqual({
      code: '00400',
      path: `${LINE(0)}.Natura`,
      message: {
        it: 'La riga 1 ha AliquotaIVA 0.00 ma nessuna Natura',
        en: 'Line 1 has AliquotaIVA 0.00 but no Natura',
      },
    })
  })

  it('finds the content slips of the structural full-invoice fixture (fictitious numbers, cassa left out)', () => {
    // The fixture proves the model covers the schema; its amounts were not made to add up. Both bodies: the 22%
    // summary omits the 3.66 cassa (183.00 vs 186.66), and no summary block carries the cassa's N2.2.
    const body = (i: number) => [
      { code: '00422', path: `FatturaElettronicaBody[${i}].DatiBeniServizi.DatiRiepilogo[0].ImponibileImporto` },
      {
        code: '00444',
        path: `FatturaElettronicaBody[${i}].DatiGenerali.DatiGeneraliDocumento.DatiCassaPrevidenziale[1].Natura`,
      },
    ]
    expect(codesAndPaths(aFullInvoice())).toEqual([
      ...body(0),
      ...body(1),
      { code: '00301', path: 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.IdFiscaleIVA.IdCodice' },
      {
        code: '00303',
        path: 'FatturaElettronicaHeader.CessionarioCommittente.RappresentanteFiscale.IdFiscaleIVA.IdCodice',
      },
      { code: '00300', path: 'FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente.IdCodice' },
      { code: '00303', path: 'FatturaElettronicaHeader.RappresentanteFiscale.DatiAnagrafici.IdFiscaleIVA.IdCodice' },
    ])
  })
})
