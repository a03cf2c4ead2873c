import type { FatturaElettronica } from '../model/fattura.ts'
import { DATI_TRASMISSIONE } from './paths.ts'
import { finding, type FileRule } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'

/* The routing data of 1.1 DatiTrasmissione: recipient code, recipient PEC, transmission format. */

/** CodiceDestinatario for a buyer not resident in Italy (FACTS.md §9). */
const NON_RESIDENT = 'XXXXXXX'

/** SdI's own PEC mailboxes (sdi01@pec.fatturapa.it, ...): an invoice cannot be addressed to them. */
const SDI_PEC = /^sdi[0-9]+@pec\.fatturapa\.it$/i

export const nonResidentCode: FileRule = {
  code: '00313',
  ...SPEC_VERSIONS.b2b,
  scope: 'file',
  // Allowed only when the buyer has an IdFiscaleIVA of another country (1.4.1.1 present, IdPaese not IT): the rule
  // as tabulated in FACTS.md §6 [T]. A foreign consumer is given IdFiscaleIVA with its country and a generic code.
  check: (fattura: FatturaElettronica) => {
    const code = fattura.FatturaElettronicaHeader.DatiTrasmissione.CodiceDestinatario
    const paese = fattura.FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici.IdFiscaleIVA?.IdPaese
    if (code !== NON_RESIDENT || (paese !== undefined && paese !== 'IT')) return []
    const buyer = paese === undefined ? 'non ha IdFiscaleIVA' : 'ha IdPaese IT'
    const buyerEn = paese === undefined ? 'has no IdFiscaleIVA' : 'has IdPaese IT'
    return [
      finding(
        `${DATI_TRASMISSIONE}.CodiceDestinatario`,
        `CodiceDestinatario è XXXXXXX (cessionario non residente) ma il cessionario/committente ${buyer}`,
        `CodiceDestinatario is XXXXXXX (non-resident buyer) but the buyer ${buyerEn}`,
      ),
    ]
  },
}

export const sdiPecDestinatario: FileRule = {
  code: '00330',
  ...SPEC_VERSIONS.b2b,
  scope: 'file',
  check: (fattura: FatturaElettronica) => {
    const pec = fattura.FatturaElettronicaHeader.DatiTrasmissione.PECDestinatario
    if (pec === undefined || !SDI_PEC.test(pec)) return []
    return [
      finding(
        `${DATI_TRASMISSIONE}.PECDestinatario`,
        `PECDestinatario ${pec} è una casella PEC del Sistema di Interscambio`,
        `PECDestinatario ${pec} is a PEC mailbox of SdI itself`,
      ),
    ]
  },
}

export const codiceDestinatarioLength: FileRule = {
  code: '00427',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  // 6 characters: a PA office code in IPA (FPA12); 7: an SdI channel or 0000000/XXXXXXX (FPR12).
  check: (fattura: FatturaElettronica) => {
    const { CodiceDestinatario: code, FormatoTrasmissione: formato } = fattura.FatturaElettronicaHeader.DatiTrasmissione
    const expected = formato === 'FPA12' ? 6 : 7
    if (code.length === expected) return []
    return [
      finding(
        `${DATI_TRASMISSIONE}.CodiceDestinatario`,
        `CodiceDestinatario ${code} ha ${code.length} caratteri ma FormatoTrasmissione ${formato} ne richiede ${expected}`,
        `CodiceDestinatario ${code} has ${code.length} characters but FormatoTrasmissione ${formato} needs ${expected}`,
      ),
    ]
  },
}

export const formatoMatchesVersione: FileRule = {
  code: '00428',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  check: (fattura: FatturaElettronica) => {
    const formato = fattura.FatturaElettronicaHeader.DatiTrasmissione.FormatoTrasmissione
    if (formato === fattura.versione) return []
    return [
      finding(
        `${DATI_TRASMISSIONE}.FormatoTrasmissione`,
        `FormatoTrasmissione è ${formato} ma l’attributo versione è ${fattura.versione}`,
        `FormatoTrasmissione is ${formato} but the versione attribute is ${fattura.versione}`,
      ),
    ]
  },
}
