import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { createXsdValidator, parseFattura, serializeFattura, type FatturaElettronica } from '../../src/index.ts'
import { aFullInvoice } from '../fixtures/full-invoice.ts'
import { XSD_DIR } from '../helpers.ts'

/*
 * Differential tests: for each simple type of the schema, values are generated (around the pattern, the lengths and
 * the odd corners: blanks, Latin-1, characters outside the BMP), put in one field of a valid invoice, and our verdict
 * (parseFattura ok) must equal libxml2's (official XSD valid). This is what checks the regex translations.
 */

const xsd = createXsdValidator(XSD_DIR)
afterAll(() => xsd.dispose())

type Invoice = FatturaElettronica & Record<string, unknown>

function baseInvoice(): Invoice {
  const invoice = structuredClone(aFullInvoice()) as Invoice
  invoice.FatturaElettronicaBody = invoice.FatturaElettronicaBody.slice(0, 1)
  return invoice
}

/** Sets the value at a dotted path like `FatturaElettronicaBody.0.DatiGenerali.DatiGeneraliDocumento.Numero`. */
function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  const last = keys.pop() ?? ''
  let node = target
  for (const key of keys) node = node[key] as Record<string, unknown>
  node[last] = value
}

const B = 'FatturaElettronicaBody.0.'
const DGD = `${B}DatiGenerali.DatiGeneraliDocumento.`
const LINE = `${B}DatiBeniServizi.DettaglioLinee.0.`
const PAY = `${B}DatiPagamento.0.DettaglioPagamento.0.`
const HEADER = 'FatturaElettronicaHeader.'
const CEDENTE = `${HEADER}CedentePrestatore.DatiAnagrafici.`

const chars = (alphabet: string, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...Array.from(alphabet)), maxLength })
const around = (alphabet: string, min: number, max: number) =>
  fc.oneof(
    chars(alphabet, max + 2),
    fc
      .integer({ min: Math.max(0, min - 1), max: max + 1 })
      .chain((n) => chars(alphabet, n).map((s) => s.padEnd(n, alphabet[0]))),
  )

const LATIN = 'aZ09 .-àÿ\u0080\u00a0€Ā😀\t\n\r"<&'
const ASCII = 'aZ09 ./-\t\n"&<~\u007f\u0080é'
const UPPER = 'AZ09az -'
const DECIMAL = '0123456789.-+ \t,e'
const decimals = fc.oneof(
  chars(DECIMAL, 24),
  fc
    .tuple(
      fc.constantFrom('', '-', '+', ' '),
      fc.integer({ min: 0, max: 14 }),
      fc.constantFrom('.', ''),
      fc.integer({ min: 0, max: 10 }),
    )
    .map(([sign, whole, dot, frac]) => `${sign}${'9'.repeat(whole) || ''}${dot}${'0'.repeat(frac)}`),
  fc.constantFrom(
    '100.00',
    '100.01',
    '099.99',
    '0.00',
    '-0.00',
    '000.00',
    '1000.00',
    '22',
    '22.0',
    '22.000',
    ' 22.00 ',
  ),
)
const integers = fc.oneof(
  fc.integer({ min: -2, max: 100_000 }).map(String),
  chars('0123456789+- .', 8),
  fc.constantFrom('+1', '-0', '0001', '9999', '10000', '1.0', ' 7 ', '999', '1000'),
)
const dates = fc.oneof(
  fc
    .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom(
    '1970-01-01',
    '1970-01-01Z',
    '1970-01-01+00:01',
    '1970-01-01-00:00',
    '1970-01-01-00:01',
    '1970-01-02+14:00',
    '1969-12-31',
    '2024-02-29',
    '2023-02-29',
    '2000-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-01-01Z',
    '2025-01-01+14:00',
    '2025-01-01+14:01',
    '-2025-01-01',
    '0000-01-01',
    '12025-01-01',
    ' 2025-01-01 ',
  ),
)
const dateTimes = fc.oneof(
  dates.map((d) => `${d.trim()}T12:00:00`),
  fc.constantFrom(
    '2025-01-01T24:00:00',
    '2025-01-01T24:00:01',
    '2025-01-01T23:59:60',
    '2025-01-01T10:00:00.123Z',
    '2025-01-01T10:00',
    '2025-01-01T10:00:00+02:00',
    '2025-01-01 10:00:00',
  ),
)

const cases: readonly [string, string, fc.Arbitrary<unknown>][] = [
  ['String10Type', `${HEADER}DatiTrasmissione.ProgressivoInvio`, around(ASCII, 1, 10)],
  ['String15Type', `${B}DatiVeicoli.TotalePercorso`, around(ASCII, 1, 15)],
  ['String20Type', `${DGD}Numero`, around(ASCII, 1, 20)],
  ['String35Type', `${LINE}CodiceArticolo.0.CodiceTipo`, around(ASCII, 1, 35)],
  ['String35LatinExtType', `${LINE}CodiceArticolo.0.CodiceValore`, around(LATIN, 1, 35)],
  ['String60Type', `${CEDENTE}NumeroIscrizioneAlbo`, around(ASCII, 1, 60)],
  ['String60LatinType', `${CEDENTE}AlboProfessionale`, around(LATIN, 1, 60)],
  ['String80LatinType', `${CEDENTE}Anagrafica.Denominazione`, around(LATIN, 1, 80)],
  ['String100LatinType', `${B}DatiGenerali.DatiTrasporto.CausaleTrasporto`, around(LATIN, 1, 100)],
  ['String200LatinType', `${DGD}Causale.0`, around(LATIN, 1, 200)],
  ['String1000LatinType', `${LINE}Descrizione`, around(LATIN, 1, 1000)],
  ['TitoloType', `${PAY}TitoloQuietanzante`, around(`${ASCII}  `, 2, 10)],
  ['NumeroCivicoType', `${HEADER}CedentePrestatore.Sede.NumeroCivico`, around(ASCII, 1, 8)],
  ['TelFaxType', `${HEADER}CedentePrestatore.Contatti.Telefono`, around(ASCII, 5, 12)],
  ['CodiceType', `${CEDENTE}IdFiscaleIVA.IdCodice`, around(LATIN, 1, 28)],
  ['CodiceDestinatarioType', `${HEADER}DatiTrasmissione.CodiceDestinatario`, around(UPPER, 6, 7)],
  ['CodiceFiscaleType', `${CEDENTE}CodiceFiscale`, around(UPPER, 11, 16)],
  ['CodiceFiscalePFType', `${PAY}CFQuietanzante`, around(UPPER, 16, 16)],
  ['CodEORIType', `${CEDENTE}Anagrafica.CodEORI`, around(LATIN, 13, 17)],
  ['NazioneType', `${CEDENTE}IdFiscaleIVA.IdPaese`, around(UPPER, 2, 2)],
  ['ProvinciaType', `${CEDENTE}ProvinciaAlbo`, around(UPPER, 2, 2)],
  ['DivisaType', `${DGD}Divisa`, around(UPPER, 3, 3)],
  ['TipoResaType', `${B}DatiGenerali.DatiTrasporto.TipoResa`, around(UPPER, 3, 3)],
  ['CAPType', `${HEADER}CessionarioCommittente.Sede.CAP`, around('0123456789a ', 5, 5)],
  ['ABIType', `${PAY}ABI`, around('0123456789a', 5, 5)],
  ['IBANType', `${PAY}IBAN`, around('ITit0123456789X-', 15, 34)],
  [
    'BICType',
    `${PAY}BIC`,
    fc.oneof(around('ABNOPXYZ0129', 8, 11), fc.constantFrom('BPMOIT22', 'BPMOIT2O', 'BPMOIT1A', 'BPMOIT22XXXX')),
  ],
  [
    'EmailType',
    `${HEADER}DatiTrasmissione.PECDestinatario`,
    fc.oneof(
      chars('ab.@"[]\\ \t!#-~(),:;<>', 20),
      fc.constantFrom(
        'a@b',
        'a.b@c.d',
        '"x y"@d',
        '"[]!#-a"@d',
        '"[]!#--"@d',
        'a@[1.2.3.4]',
        '.a@b',
        'a..b@c',
        ' a@b ',
        'a@b.',
        '"\\"@x',
      ),
    ),
  ],
  [
    'EmailContattiType',
    `${HEADER}CedentePrestatore.Contatti.Email`,
    fc.oneof(
      chars('ab.@ \n', 12),
      fc.constantFrom('a@b.cd', 'ab@.cd', 'a@b.c', '@ab.cde', 'abc@de.', 'a@@b.cd', 'a@b..c'),
    ),
  ],
  ['Amount2DecimalType', `${DGD}ImportoTotaleDocumento`, decimals],
  ['Amount8DecimalType', `${LINE}PrezzoUnitario`, decimals],
  ['RateType', `${LINE}AliquotaIVA`, decimals],
  ['QuantitaType', `${LINE}Quantita`, decimals],
  ['PesoType', `${B}DatiGenerali.DatiTrasporto.PesoLordo`, decimals],
  ['NumeroLineaType', `${LINE}NumeroLinea`, integers],
  ['NumeroColliType', `${B}DatiGenerali.DatiTrasporto.NumeroColli`, integers],
  ['RiferimentoFaseType', `${B}DatiGenerali.DatiSAL.0.RiferimentoFase`, integers],
  ['GiorniTerminePagamentoType', `${PAY}GiorniTerminiPagamento`, integers],
  ['DataFatturaType', `${DGD}Data`, dates],
  ['xs:date', `${B}DatiGenerali.DatiDDT.0.DataDDT`, dates],
  ['xs:dateTime', `${B}DatiGenerali.DatiTrasporto.DataOraRitiro`, dateTimes],
  [
    'xs:base64Binary',
    `${B}Allegati.0.Attachment`,
    fc.oneof(
      chars('QUJDabc+/=019 \n', 12),
      fc.constantFrom('QQ==', 'QR==', 'QUI=', 'QUJ=', 'Q===', 'QUJD', 'QU JD', '=QUJ'),
    ),
  ],
  [
    'TipoDocumentoType',
    `${DGD}TipoDocumento`,
    fc.oneof(fc.constantFrom('TD01', 'TD29', 'TD30', 'TD07', 'td01', ' TD01'), chars('TD0129', 5)),
  ],
  ['NaturaType', `${LINE}Natura`, fc.constantFrom('N1', 'N2', 'N2.1', 'N2.3', 'N6.9', 'N7', 'N8', 'N3.7')],
  ['versione attribute', 'versione', fc.constantFrom('FPA12', 'FPR12', 'FPA13', 'fpr12', ' FPR12')],
]

describe('our verdict equals libxml2 + the official XSD', () => {
  it.each(cases)('%s (%s)', (_type, path, values) => {
    fc.assert(
      fc.property(values, (value) => {
        const invoice = baseInvoice()
        setAt(invoice, path, value)
        const xml = serializeFattura(invoice, { validate: false })
        const ours = parseFattura(xml)
        const theirs = xsd.validate(xml)
        expect({ value, valid: ours.ok }).toEqual({ value, valid: theirs.valid })
      }),
      { numRuns: 40 },
    )
  })
})
