import type { FatturaElettronicaBody } from '../model/body.ts'
import type { TipoDocumento } from '../model/code-lists.ts'
import { documentoPath } from './paths.ts'
import { sameParty } from './parties.ts'
import { finding, type BodyAt, type BodyRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'
import { lineItems } from './vat-items.ts'

/*
 * Rules tied to 2.1.1.1 <TipoDocumento>, introduced with the TD16-TD27 codes of Specifiche tecniche 1.6 (TD28 came
 * with 1.7, 2022-10-01; the lists are the current ones, FACTS.md §6 [T]). The error is reported at the TipoDocumento
 * of the body, since the type is what makes the data wrong (a lotto may mix types).
 */

// prettier-ignore
const SELLER_NOT_BUYER: ReadonlySet<TipoDocumento> = new Set<TipoDocumento>([
  'TD01', 'TD02', 'TD03', 'TD06', 'TD16', 'TD17', 'TD18', 'TD19', 'TD20', 'TD24', 'TD25', 'TD28',
])
const SELLER_IS_BUYER: ReadonlySet<TipoDocumento> = new Set<TipoDocumento>(['TD21', 'TD27'])
const FOREIGN_SELLER: ReadonlySet<TipoDocumento> = new Set<TipoDocumento>(['TD17', 'TD18', 'TD19'])
/** `OO` is admitted as the seller's IdPaese only with these (FACTS.md §6, 00473 [T]). */
const OO_ALLOWED: ReadonlySet<TipoDocumento> = new Set<TipoDocumento>(['TD17', 'TD19'])
const NO_ZERO_RATE: ReadonlySet<TipoDocumento> = new Set<TipoDocumento>(['TD21'])
// prettier-ignore
const BUYER_VAT_REQUIRED: ReadonlySet<TipoDocumento> = new Set<TipoDocumento>([
  'TD16', 'TD17', 'TD18', 'TD19', 'TD20', 'TD22', 'TD23', 'TD28',
])

function tipo(body: FatturaElettronicaBody): TipoDocumento {
  return body.DatiGenerali.DatiGeneraliDocumento.TipoDocumento
}

function atTipo(at: BodyAt, it: string, en: string): Finding[] {
  return [finding(`${documentoPath(at.index)}.TipoDocumento`, it, en)]
}

export const sellerNotBuyer: BodyRule = {
  code: '00471',
  ...SPEC_VERSIONS.v1_6,
  scope: 'body',
  check: (body, at) => {
    const td = tipo(body)
    if (!SELLER_NOT_BUYER.has(td) || !sameParty(at.fattura.FatturaElettronicaHeader)) return []
    return atTipo(
      at,
      `Con TipoDocumento ${td} il cedente/prestatore non può essere il cessionario/committente`,
      `With TipoDocumento ${td} the seller cannot be the buyer`,
    )
  },
}

export const sellerIsBuyer: BodyRule = {
  code: '00472',
  ...SPEC_VERSIONS.v1_6,
  scope: 'body',
  check: (body, at) => {
    const td = tipo(body)
    if (!SELLER_IS_BUYER.has(td) || sameParty(at.fattura.FatturaElettronicaHeader)) return []
    return atTipo(
      at,
      `Con TipoDocumento ${td} il cedente/prestatore deve essere il cessionario/committente`,
      `With TipoDocumento ${td} the seller must be the buyer`,
    )
  },
}

/** Why the seller's IdPaese does not suit the type, in both languages; undefined when it does. */
function sellerCountryProblem(td: TipoDocumento, paese: string): { it: string; en: string } | undefined {
  if (td === 'TD28' && paese !== 'SM') return { it: 'deve essere SM', en: 'must be SM' }
  if (FOREIGN_SELLER.has(td) && paese === 'IT') return { it: 'non può essere IT', en: 'cannot be IT' }
  if (paese === 'OO' && !OO_ALLOWED.has(td)) return { it: 'non può essere OO', en: 'cannot be OO' }
  return undefined
}

export const sellerCountry: BodyRule = {
  code: '00473',
  ...SPEC_VERSIONS.v1_6,
  scope: 'body',
  check: (body, at) => {
    const td = tipo(body)
    const paese = at.fattura.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.IdFiscaleIVA.IdPaese
    const problem = sellerCountryProblem(td, paese)
    if (problem === undefined) return []
    return atTipo(
      at,
      `Con TipoDocumento ${td} l’IdPaese del cedente/prestatore (${paese}) ${problem.it}`,
      `With TipoDocumento ${td} the seller’s IdPaese (${paese}) ${problem.en}`,
    )
  },
}

export const noZeroRateLines: BodyRule = {
  code: '00474',
  ...SPEC_VERSIONS.v1_6,
  scope: 'body',
  check: (body, at) => {
    const td = tipo(body)
    if (!NO_ZERO_RATE.has(td)) return []
    return lineItems(body, at.index)
      .filter((line) => line.rate === 0n)
      .map((line) =>
        finding(
          `${line.path}.AliquotaIVA`,
          `${line.label.it} ha AliquotaIVA ${line.aliquota}, non ammessa con TipoDocumento ${td}`,
          `${line.label.en} has AliquotaIVA ${line.aliquota}, not allowed with TipoDocumento ${td}`,
        ),
      )
  },
}

export const buyerVatRequired: BodyRule = {
  code: '00475',
  ...SPEC_VERSIONS.v1_6,
  scope: 'body',
  check: (body, at) => {
    const td = tipo(body)
    const buyer = at.fattura.FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici
    if (!BUYER_VAT_REQUIRED.has(td) || buyer.IdFiscaleIVA !== undefined) return []
    return atTipo(
      at,
      `Con TipoDocumento ${td} il cessionario/committente deve avere IdFiscaleIVA`,
      `With TipoDocumento ${td} the buyer must have an IdFiscaleIVA`,
    )
  },
}
