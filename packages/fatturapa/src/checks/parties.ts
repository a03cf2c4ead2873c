import type { FatturaElettronica } from '../model/fattura.ts'
import type { FatturaElettronicaHeader } from '../model/header.ts'
import { CESSIONARIO } from './paths.ts'
import { finding, type FileRule } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'

/* Rules about the seller (1.2) and the buyer (1.4) of the file. */

/**
 * Whether seller and buyer are the same subject (00471/00472): the same IdFiscaleIVA (country and code), or the same
 * codice fiscale when both give one. Either identifier names a subject, so a match on either one is the same subject.
 */
export function sameParty(header: FatturaElettronicaHeader): boolean {
  const seller = header.CedentePrestatore.DatiAnagrafici
  const buyer = header.CessionarioCommittente.DatiAnagrafici
  const sameVat =
    buyer.IdFiscaleIVA !== undefined &&
    seller.IdFiscaleIVA.IdPaese === buyer.IdFiscaleIVA.IdPaese &&
    seller.IdFiscaleIVA.IdCodice === buyer.IdFiscaleIVA.IdCodice
  const sameCf = seller.CodiceFiscale !== undefined && seller.CodiceFiscale === buyer.CodiceFiscale
  return sameVat || sameCf
}

export const buyerIdentified: FileRule = {
  code: '00417',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  check: (fattura: FatturaElettronica) => {
    const buyer = fattura.FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici
    if (buyer.IdFiscaleIVA !== undefined || buyer.CodiceFiscale !== undefined) return []
    return [
      finding(
        CESSIONARIO,
        'Il cessionario/committente non ha né IdFiscaleIVA né CodiceFiscale',
        'The buyer has neither IdFiscaleIVA nor CodiceFiscale',
      ),
    ]
  },
}

export const notBothForeign: FileRule = {
  code: '00476',
  ...SPEC_VERSIONS.v1_6,
  scope: 'file',
  // 1.4.1.1.1 is the buyer's IdFiscaleIVA/IdPaese: a buyer without IdFiscaleIVA has no IdPaese to compare.
  check: (fattura: FatturaElettronica) => {
    const seller = fattura.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.IdFiscaleIVA.IdPaese
    const buyer = fattura.FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici.IdFiscaleIVA?.IdPaese
    if (seller === 'IT' || buyer === undefined || buyer === 'IT') return []
    return [
      finding(
        `${CESSIONARIO}.IdFiscaleIVA.IdPaese`,
        `IdPaese del cedente/prestatore (${seller}) e del cessionario/committente (${buyer}) sono entrambi diversi da IT`,
        `The seller’s IdPaese (${seller}) and the buyer’s (${buyer}) both differ from IT`,
      ),
    ]
  },
}
