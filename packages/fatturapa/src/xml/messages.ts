import type { LocalizedText } from '../sdi/sdi-error.ts'

/*
 * The texts of the issues the parser reports, in Italian (SdI's language, what an Italian vendor reads) and English.
 * Built only when an issue is recorded, never on the hot path. Element names stay as in the schema (they are the
 * vocabulary of the official specifications in both languages).
 */

const text = (it: string, en: string): LocalizedText => ({ it, en })

/** Structure (the walker). */
export const structureMessage = {
  notAllowedIn: (element: string, parent: string) =>
    text(`L'elemento ${element} non è ammesso in ${parent}`, `Element ${element} is not allowed in ${parent}`),
  insideValue: (element: string, parent: string) =>
    text(
      `L'elemento ${element} non è ammesso dentro ${parent}, che contiene un valore`,
      `Element ${element} is not allowed inside ${parent}, which holds a value`,
    ),
  notTogetherWith: (element: string, others: string) =>
    text(`${element} non può comparire insieme a ${others}`, `${element} cannot appear together with ${others}`),
  tooMany: (element: string, maxOccurs: number) =>
    maxOccurs === 1
      ? text(`L'elemento ${element} può comparire una sola volta`, `Element ${element} may appear at most once`)
      : text(
          `L'elemento ${element} può comparire al massimo ${maxOccurs} volte`,
          `Element ${element} may appear at most ${maxOccurs} times`,
        ),
  order: (element: string, before: string) =>
    text(
      `L'elemento ${element} è fuori posto: deve precedere ${before}`,
      `Element ${element} is out of order: expected before ${before}`,
    ),
  qualified: (name: string) =>
    text(
      `${name} è nel namespace FatturaPA: gli elementi figli devono essere senza prefisso (non qualificati)`,
      `${name} is in the FatturaPA namespace; child elements must be unqualified`,
    ),
  required: (element: string) => text(`L'elemento ${element} è obbligatorio`, `Element ${element} is required`),
  choiceRequired: (alternatives: readonly string[]) =>
    text(`È obbligatorio indicare ${alternatives.join(' oppure ')}`, `${alternatives.join(' or ')} is required`),
  textNotAllowed: (element: string) =>
    text(`Testo non ammesso direttamente dentro ${element}`, `Text is not allowed directly inside ${element}`),
  attributeNotAllowed: (attribute: string, element: string) =>
    text(`L'attributo ${attribute} non è ammesso su ${element}`, `Attribute ${attribute} is not allowed on ${element}`),
  attributeRequired: (attribute: string, element: string) =>
    text(`L'attributo ${attribute} è obbligatorio su ${element}`, `Attribute ${attribute} is required on ${element}`),
  tooDeep: (maxDepth: number) =>
    text(`Elementi annidati oltre ${maxDepth} livelli`, `Elements are nested more than ${maxDepth} deep`),
  tooManyIssues: () => text('Troppi errori: controllo interrotto', 'Too many issues; checking stopped'),
  notFatturaPA: (found: string, root: string, namespace: string) =>
    text(
      `L'elemento radice è ${found}, non ${root} nel namespace ${namespace}`,
      `The root element is ${found}, not ${root} in ${namespace}`,
    ),
  doctype: () =>
    text(
      'Una dichiarazione DOCTYPE non è ammessa in un file FatturaPA',
      'A DOCTYPE is not allowed in a FatturaPA file',
    ),
  noRoot: () => text("XML non ben formato: manca l'elemento radice", 'Malformed XML: no root element'),
} as const

const FALLBACK_ENCODINGS = 'ISO-8859-1, ISO-8859-15, windows-1252, US-ASCII, UTF-16 with BOM'
const FALLBACK_ENCODINGS_IT = 'ISO-8859-1, ISO-8859-15, windows-1252, US-ASCII, UTF-16 con BOM'

/** Size and encoding (decoding, before any parsing). */
export const decodeMessage = {
  tooLarge: (size: number, maxBytes: number) =>
    text(`Il file è di ${size} byte: il limite è ${maxBytes}`, `The file is ${size} bytes; the limit is ${maxBytes}`),
  invalidUtf8: (at: number) =>
    text(
      `Il file non è UTF-8 valido: sequenza di byte non valida al byte ${at}`,
      `The file is not valid UTF-8: invalid byte sequence at byte ${at}`,
    ),
  invalidUtf16: () => text('Il file non è UTF-16 valido', 'The file is not valid UTF-16'),
  notAscii: (at: number) =>
    text(
      `Il file dichiara US-ASCII ma il byte ${at} non è ASCII`,
      `The file declares US-ASCII but byte ${at} is not ASCII`,
    ),
  bomMismatch: (declared: string) =>
    text(
      `Il file ha il BOM UTF-8 ma dichiara la codifica "${declared}"`,
      `The file has a UTF-8 byte order mark but declares "${declared}"`,
    ),
  utf16WithoutBom: () =>
    text(
      'Il file dichiara UTF-16 ma non ha il BOM (byte order mark)',
      'The file declares UTF-16 but has no byte order mark',
    ),
  unsupported: (declared: string) =>
    text(
      `Codifica "${declared}" non supportata: usare UTF-8 (si leggono anche ${FALLBACK_ENCODINGS_IT})`,
      `Unsupported encoding "${declared}": use UTF-8 (also read: ${FALLBACK_ENCODINGS})`,
    ),
  wideWithoutBom: () =>
    text(
      'Il file sembra UTF-16 o UTF-32 senza BOM (byte order mark)',
      'The file looks like UTF-16 or UTF-32 without a byte order mark',
    ),
} as const
