import { checkCodiceFiscale, type CodiceFiscaleProblem } from '../identifiers/codice-fiscale.ts'
import { checkPartitaIva } from '../identifiers/partita-iva.ts'
import type { FatturaElettronica } from '../model/fattura.ts'
import type { LocalizedText } from '../sdi/sdi-error.ts'
import { CEDENTE, CESSIONARIO, DATI_TRASMISSIONE, RAPPRESENTANTE } from './paths.ts'
import { finding, type FileRule, type Finding } from './rule.ts'
import { SPEC_VERSIONS } from './spec-versions.ts'

/*
 * SdI's 00300/00301/00305/00306 say the identifier is not registered in the Anagrafe Tributaria. Registration needs
 * SdI's registry; what the file alone decides is that a number which cannot exist (format, check digit or letter, an
 * impossible birth date) cannot be registered either. So these rules are a subset of SdI's: they never reject an
 * identifier SdI would accept.
 */

const PROBLEMS: Record<CodiceFiscaleProblem, LocalizedText> = {
  format: { it: 'formato errato', en: 'wrong format' },
  'check-digit': { it: 'cifra di controllo errata', en: 'wrong check digit' },
  'all-zero': { it: 'tutte le cifre sono zero', en: 'all digits are zero' },
  date: { it: 'data di nascita impossibile', en: 'impossible date of birth' },
  'check-letter': { it: 'carattere di controllo errato', en: 'wrong check character' },
}

function invalid(path: string, what: LocalizedText, value: string, problem: CodiceFiscaleProblem): Finding {
  const why = PROBLEMS[problem]
  return finding(path, `${what.it} ${value} non è valido: ${why.it}`, `${what.en} ${value} is not valid: ${why.en}`)
}

/** Runs `check` on an Italian (IdPaese IT) identifier; foreign ones are not Italy's to verify. */
function italianIdentifier(
  id: { readonly IdPaese: string; readonly IdCodice: string } | undefined,
  path: string,
  what: LocalizedText,
  check: (value: string) => CodiceFiscaleProblem | undefined,
): Finding[] {
  if (id?.IdPaese !== 'IT') return []
  const problem = check(id.IdCodice)
  return problem === undefined ? [] : [invalid(path, what, id.IdCodice, problem)]
}

export const transmitterIdCodice: FileRule = {
  code: '00300',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  // For IdPaese IT the transmitter's IdCodice is its codice fiscale (11 digits or 16 characters).
  check: (fattura: FatturaElettronica) =>
    italianIdentifier(
      fattura.FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente,
      `${DATI_TRASMISSIONE}.IdTrasmittente.IdCodice`,
      { it: 'Il codice fiscale del trasmittente', en: 'The transmitter’s codice fiscale' },
      checkCodiceFiscale,
    ),
}

export const sellerPartitaIva: FileRule = {
  code: '00301',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  check: (fattura: FatturaElettronica) =>
    italianIdentifier(
      fattura.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.IdFiscaleIVA,
      `${CEDENTE}.IdFiscaleIVA.IdCodice`,
      { it: 'La partita IVA del cedente/prestatore', en: 'The seller’s VAT number' },
      checkPartitaIva,
    ),
}

export const representativePartitaIva: FileRule = {
  code: '00303',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  // One code for both fiscal representatives: the seller's (1.3.1.1.2) and the buyer's (1.4.4.1.2).
  check: (fattura: FatturaElettronica) => {
    const header = fattura.FatturaElettronicaHeader
    return [
      ...italianIdentifier(
        header.RappresentanteFiscale?.DatiAnagrafici.IdFiscaleIVA,
        `${RAPPRESENTANTE}.IdFiscaleIVA.IdCodice`,
        { it: 'La partita IVA del rappresentante fiscale', en: 'The fiscal representative’s VAT number' },
        checkPartitaIva,
      ),
      ...italianIdentifier(
        header.CessionarioCommittente.RappresentanteFiscale?.IdFiscaleIVA,
        'FatturaElettronicaHeader.CessionarioCommittente.RappresentanteFiscale.IdFiscaleIVA.IdCodice',
        {
          it: 'La partita IVA del rappresentante fiscale del cessionario',
          en: 'The buyer’s fiscal representative’s VAT number',
        },
        checkPartitaIva,
      ),
    ]
  },
}

export const buyerPartitaIva: FileRule = {
  code: '00305',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  check: (fattura: FatturaElettronica) =>
    italianIdentifier(
      fattura.FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici.IdFiscaleIVA,
      `${CESSIONARIO}.IdFiscaleIVA.IdCodice`,
      { it: 'La partita IVA del cessionario/committente', en: 'The buyer’s VAT number' },
      checkPartitaIva,
    ),
}

export const buyerCodiceFiscale: FileRule = {
  code: '00306',
  ...SPEC_VERSIONS.fatturaPA,
  scope: 'file',
  check: (fattura: FatturaElettronica) => {
    const value = fattura.FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici.CodiceFiscale
    const problem = value === undefined ? undefined : checkCodiceFiscale(value)
    if (value === undefined || problem === undefined) return []
    const what = { it: 'Il codice fiscale del cessionario/committente', en: 'The buyer’s codice fiscale' }
    return [invalid(`${CESSIONARIO}.CodiceFiscale`, what, value, problem)]
  },
}
