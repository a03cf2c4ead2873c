import { DOC0, LINE, SELLER_VAT, addLine, buyer, documento0, partitaIva, seller } from './builder.ts'
import type { RuleCase } from './case.ts'
import type { FatturaElettronica, TipoDocumento } from '../../src/index.ts'

/* Rules tied to TipoDocumento (Specifiche tecniche 1.6 and later). */

const TIPO = `${DOC0}.TipoDocumento`

function asSelfInvoice(f: FatturaElettronica, td: TipoDocumento) {
  documento0(f).TipoDocumento = td
  buyer(f).IdFiscaleIVA = { IdPaese: 'IT', IdCodice: SELLER_VAT }
  buyer(f).CodiceFiscale = SELLER_VAT
}

/** A self-invoice for a purchase from abroad: the foreign supplier is the seller, we are the buyer. */
function fromForeignSeller(f: FatturaElettronica, td: TipoDocumento, paese: string) {
  documento0(f).TipoDocumento = td
  seller(f).IdFiscaleIVA = { IdPaese: paese, IdCodice: paese === 'IT' ? partitaIva('5555555555') : '12345678901' }
  delete seller(f).CodiceFiscale
}

export const tipoCases: readonly RuleCase[] = [
  // 00471: seller and buyer must differ
  { code: '00471', name: 'TD01 to oneself (same VAT number)', edit: (f) => asSelfInvoice(f, 'TD01'), fails: [TIPO] },
  {
    code: '00471',
    name: 'TD24 to oneself (same codice fiscale only)',
    edit: (f) => {
      documento0(f).TipoDocumento = 'TD24'
      delete buyer(f).IdFiscaleIVA
      buyer(f).CodiceFiscale = SELLER_VAT
    },
    fails: [TIPO],
  },
  { code: '00471', name: 'TD01 to another party', edit: () => undefined, fails: [] },
  { code: '00471', name: 'TD05 to oneself is not in the list', edit: (f) => asSelfInvoice(f, 'TD05'), fails: [] },
  // 00472: seller and buyer must be the same
  {
    code: '00472',
    name: 'TD27 to another party',
    edit: (f) => {
      documento0(f).TipoDocumento = 'TD27'
    },
    fails: [TIPO],
  },
  { code: '00472', name: 'TD27 to oneself', edit: (f) => asSelfInvoice(f, 'TD27'), fails: [] },
  { code: '00472', name: 'TD21 to oneself', edit: (f) => asSelfInvoice(f, 'TD21'), fails: [] },
  // 00473: seller's country
  {
    code: '00473',
    name: 'TD17 from an Italian seller',
    edit: (f) => fromForeignSeller(f, 'TD17', 'IT'),
    fails: [TIPO],
  },
  { code: '00473', name: 'TD18 from a French seller', edit: (f) => fromForeignSeller(f, 'TD18', 'FR'), fails: [] },
  { code: '00473', name: 'TD28 from a French seller', edit: (f) => fromForeignSeller(f, 'TD28', 'FR'), fails: [TIPO] },
  { code: '00473', name: 'TD28 from San Marino', edit: (f) => fromForeignSeller(f, 'TD28', 'SM'), fails: [] },
  { code: '00473', name: 'TD18 with seller OO', edit: (f) => fromForeignSeller(f, 'TD18', 'OO'), fails: [TIPO] },
  { code: '00473', name: 'TD19 with seller OO', edit: (f) => fromForeignSeller(f, 'TD19', 'OO'), fails: [] },
  { code: '00473', name: 'TD01 with seller OO', edit: (f) => fromForeignSeller(f, 'TD01', 'OO'), fails: [TIPO] },
  // 00474: no zero-rate lines in TD21
  {
    code: '00474',
    name: 'TD21 with a zero-rate line',
    edit: (f) => {
      asSelfInvoice(f, 'TD21')
      addLine(f, '0.00', 'N2.2')
    },
    fails: [`${LINE(1)}.AliquotaIVA`],
  },
  {
    code: '00474',
    name: 'TD01 with a zero-rate line',
    edit: (f) => addLine(f, '0.00', 'N2.2'),
    fails: [],
  },
  // 00475: buyer's IdFiscaleIVA required
  {
    code: '00475',
    name: 'TD17 for a buyer with only a codice fiscale',
    edit: (f) => {
      fromForeignSeller(f, 'TD17', 'FR')
      delete buyer(f).IdFiscaleIVA
    },
    fails: [TIPO],
  },
  {
    code: '00475',
    name: 'TD17 for a buyer with IdFiscaleIVA',
    edit: (f) => fromForeignSeller(f, 'TD17', 'FR'),
    fails: [],
  },
  {
    code: '00475',
    name: 'TD01 for a consumer with only a codice fiscale',
    edit: (f) => {
      delete buyer(f).IdFiscaleIVA
    },
    fails: [],
  },
]
