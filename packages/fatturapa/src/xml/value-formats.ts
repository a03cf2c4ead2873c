import type { LocalizedText } from '../sdi/sdi-error.ts'
import {
  amount2Decimal,
  amount8Decimal,
  bic,
  cap,
  codiceDestinatario,
  codiceFiscale,
  codiceFiscalePF,
  dataFattura,
  date,
  dateTime,
  divisa,
  email,
  emailContatti,
  iban,
  nazione,
  peso,
  quantita,
  rate,
} from '../model/simple-types.ts'
import { XsdFormat } from '../model/xsd-formats.ts'

/*
 * What each XSD pattern and format asks for, in words, to complete "the value ... does not match the format: ...".
 * Keyed by the pattern text of the model's simple types, so a type added to the model without a description falls
 * back to a generic sentence instead of a wrong one.
 */

const entries: readonly (readonly [object, string, string])[] = [
  [
    amount2Decimal,
    'servono da 1 a 11 cifre intere e due decimali separati dal punto (es. 1234.50)',
    '1 to 11 integer digits and two decimals after a point are required (e.g. 1234.50)',
  ],
  [
    amount8Decimal,
    'servono da 1 a 11 cifre intere e da 2 a 8 decimali separati dal punto (es. 12.50)',
    '1 to 11 integer digits and 2 to 8 decimals after a point are required (e.g. 12.50)',
  ],
  [
    rate,
    'servono due decimali (es. 22.00), al massimo 100.00',
    'two decimals are required (e.g. 22.00), at most 100.00',
  ],
  [
    quantita,
    'servono da 1 a 12 cifre intere e da 2 a 8 decimali separati dal punto, senza segno (es. 5.00)',
    '1 to 12 integer digits and 2 to 8 decimals after a point are required, without a sign (e.g. 5.00)',
  ],
  [
    peso,
    'servono da 1 a 4 cifre intere e 1 o 2 decimali separati dal punto (es. 12.5)',
    '1 to 4 integer digits and 1 or 2 decimals after a point are required (e.g. 12.5)',
  ],
  [date, 'serve una data AAAA-MM-GG (es. 2025-01-31)', 'a date YYYY-MM-DD is required (e.g. 2025-01-31)'],
  [
    dataFattura,
    'serve una data AAAA-MM-GG non anteriore al 1970-01-01 (es. 2025-01-31)',
    'a date YYYY-MM-DD not before 1970-01-01 is required (e.g. 2025-01-31)',
  ],
  [
    dateTime,
    'servono data e ora AAAA-MM-GGThh:mm:ss (es. 2025-01-31T10:30:00)',
    'a date and time YYYY-MM-DDThh:mm:ss is required (e.g. 2025-01-31T10:30:00)',
  ],
  [codiceDestinatario, 'servono 6 o 7 lettere maiuscole o cifre', '6 or 7 upper-case letters or digits are required'],
  [codiceFiscale, 'servono da 11 a 16 lettere maiuscole o cifre', '11 to 16 upper-case letters or digits are required'],
  [codiceFiscalePF, 'servono 16 lettere maiuscole o cifre', '16 upper-case letters or digits are required'],
  [nazione, 'servono due lettere maiuscole (es. IT)', 'two upper-case letters are required (e.g. IT)'],
  [divisa, 'servono tre lettere maiuscole (es. EUR)', 'three upper-case letters are required (e.g. EUR)'],
  [cap, 'servono 5 cifre', 'five digits are required'],
  [
    iban,
    'serve un IBAN: due lettere, due cifre e da 11 a 30 lettere o cifre, senza spazi',
    'an IBAN is required: two letters, two digits and 11 to 30 letters or digits, without blanks',
  ],
  [
    bic,
    'serve un codice BIC di 8 o 11 caratteri (es. BPMOIT22XXX)',
    'a BIC of 8 or 11 characters is required (e.g. BPMOIT22XXX)',
  ],
  [email, 'serve un indirizzo email (es. nome@dominio.it)', 'an email address is required (e.g. name@domain.it)'],
  [
    emailContatti,
    'serve un indirizzo email (es. nome@dominio.it)',
    'an email address is required (e.g. name@domain.it)',
  ],
]

const BY_PATTERN = new Map<string, LocalizedText>()
for (const [schema, it, en] of entries) {
  // Types sharing a pattern (CAP, ABI, CAB; Nazione, Provincia) share the first description.
  const { pattern } = schema as { pattern?: unknown }
  if (typeof pattern === 'string' && !BY_PATTERN.has(pattern)) BY_PATTERN.set(pattern, { it, en })
}

const GENERIC: LocalizedText = { it: 'il formato richiesto è diverso', en: 'it has another required format' }

/** What the pattern requires, in words; generic for a pattern no description was written for. */
export function patternRequirement(pattern: string): LocalizedText {
  return BY_PATTERN.get(pattern) ?? GENERIC
}

/** Why a value failed a format (a calendar date that does not exist, invalid base64). */
export function formatProblem(format: string): LocalizedText {
  switch (format) {
    case XsdFormat.date:
    case XsdFormat.dateTime:
      return { it: 'non è una data esistente', en: 'is not a date that exists' }
    case XsdFormat.base64:
      return { it: 'non è base64 valido', en: 'is not valid base64' }
    default:
      return { it: `non rispetta il formato ${format}`, en: `does not match the format ${format}` }
  }
}
