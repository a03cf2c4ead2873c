import { describe, expect, it } from 'vitest'
import { checkContent } from '../../src/checks/index.ts'
import { parseFattura, type FatturaElettronica } from '../../src/index.ts'
import { INVALID_SAMPLE, INVOICE_SAMPLES, edit, sampleText } from '../helpers.ts'
import { BUYER_CF, SELLER_VAT, TRANSMITTER_CF } from './builder.ts'
import type { Expected } from './case.ts'

/*
 * The official invoice samples (/work/shared/sdi/samples/invoices). Their identifiers are fictitious and fail the
 * check digits: transmitter and seller 01234567890, buyer codice fiscale 09876543210 — three errors on every sample.
 * Besides those, FPR02 and FPR03 (1.2.2) declare ImponibileImporto 27.00 for lines summing to 25.00 (Imposta 5.95 is
 * 22% of 27.00): SdI's 00422 would reject them too. Nothing else fires.
 */

const CONTEXT = { receivedAt: new Date('2025-07-01T10:00:00Z') }

const IDENTIFIERS = [
  { code: '00301', path: 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.IdFiscaleIVA.IdCodice' },
  { code: '00306', path: 'FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici.CodiceFiscale' },
  { code: '00300', path: 'FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente.IdCodice' },
] as const

const IMPONIBILE_27: Expected = {
  code: '00422',
  path: 'FatturaElettronicaBody[0].DatiBeniServizi.DatiRiepilogo[0].ImponibileImporto',
}

const ARITHMETIC: Record<(typeof INVOICE_SAMPLES)[number], readonly Expected[]> = {
  'IT01234567890_FPA01.xml': [],
  'IT01234567890_FPA02.xml': [],
  'IT01234567890_FPA03.xml': [],
  'IT01234567890_FPR01.xml': [],
  'IT01234567890_FPR02.xml': [IMPONIBILE_27],
  'IT01234567890_FPR03.xml': [IMPONIBILE_27],
  'v1.2.1/IT01234567890_FPR02.xml': [],
}

function parsed(name: string): FatturaElettronica {
  // The 1.2.2 FPR02 has an empty ContattiTrasmittente after PECDestinatario (a format error, 00200); dropping it
  // leaves the sample's content unchanged.
  const text = name === INVALID_SAMPLE ? edit(sampleText(name), '\t  <ContattiTrasmittente/>\n', '') : sampleText(name)
  const result = parseFattura(text)
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.issues)}`)
  return result.fattura
}

const codesAndPaths = (f: FatturaElettronica) => checkContent(f, CONTEXT).map(({ code, path }) => ({ code, path }))

describe.each(INVOICE_SAMPLES)('%s', (name) => {
  it('yields the errors of its fictitious identifiers and nothing else but known arithmetic', () => {
    const expected = [...ARITHMETIC[name], ...IDENTIFIERS]
    expect(codesAndPaths(parsed(name))).toEqual(expected)
  })

  it('with valid identifiers, yields only the known arithmetic', () => {
    const f = parsed(name)
    f.FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente.IdCodice = TRANSMITTER_CF
    f.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.IdFiscaleIVA.IdCodice = SELLER_VAT
    f.FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici.CodiceFiscale = BUYER_CF
    expect(codesAndPaths(f)).toEqual(ARITHMETIC[name])
  })
})
