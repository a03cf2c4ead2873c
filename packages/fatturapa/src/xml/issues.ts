import type { LocalizedText } from '../sdi/sdi-error.ts'

/**
 * Stable codes of what parseFattura reports. Every one means "not a well-formed FatturaPA file": SdI's code for all of
 * them is 00200 (file not conforming to the format). The first group stops the parse; the others accumulate.
 */
export const FatturaIssueCode = {
  // The document cannot be read: parsing stops at the first one.
  inputTooLarge: 'FATTURAPA_ERR_INPUT_TOO_LARGE',
  encodingUnsupported: 'FATTURAPA_ERR_ENCODING_UNSUPPORTED',
  encodingInvalid: 'FATTURAPA_ERR_ENCODING_INVALID',
  doctypeForbidden: 'FATTURAPA_ERR_DOCTYPE_FORBIDDEN',
  xmlMalformed: 'FATTURAPA_ERR_XML_MALFORMED',
  tooDeep: 'FATTURAPA_ERR_TOO_DEEP',
  notFatturaPA: 'FATTURAPA_ERR_NOT_FATTURAPA',
  tooManyIssues: 'FATTURAPA_ERR_TOO_MANY_ISSUES',
  // Structure (the walker, in document order).
  unexpectedElement: 'FATTURAPA_ERR_UNEXPECTED_ELEMENT',
  elementOrder: 'FATTURAPA_ERR_ELEMENT_ORDER',
  missingElement: 'FATTURAPA_ERR_MISSING_ELEMENT',
  tooManyOccurrences: 'FATTURAPA_ERR_TOO_MANY_OCCURRENCES',
  textNotAllowed: 'FATTURAPA_ERR_TEXT_NOT_ALLOWED',
  wrongNamespace: 'FATTURAPA_ERR_WRONG_NAMESPACE',
  unexpectedAttribute: 'FATTURAPA_ERR_UNEXPECTED_ATTRIBUTE',
  missingAttribute: 'FATTURAPA_ERR_MISSING_ATTRIBUTE',
  // Values (the compiled validator, after the walk).
  valueLength: 'FATTURAPA_ERR_VALUE_LENGTH',
  valuePattern: 'FATTURAPA_ERR_VALUE_PATTERN',
  /** A character outside the type's block (Latin-1, or ASCII): a pattern failure, named for what fixes it. */
  valueCharacter: 'FATTURAPA_ERR_VALUE_CHARACTER',
  valueEnum: 'FATTURAPA_ERR_VALUE_ENUM',
  valueRange: 'FATTURAPA_ERR_VALUE_RANGE',
  valueFormat: 'FATTURAPA_ERR_VALUE_FORMAT',
  valueType: 'FATTURAPA_ERR_VALUE_TYPE',
} as const

export type FatturaIssueCode = (typeof FatturaIssueCode)[keyof typeof FatturaIssueCode]

/**
 * One problem found in a file. `path` names the element (or attribute) in the model's terms, relative to the root:
 * `FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[3].AliquotaIVA`; repeated elements carry their 0-based
 * index, "" is the root itself. `line`/`column` (1-based) are given for what the parser saw, not for value checks.
 * `message` says what is wrong with this file in particular, in Italian and English.
 */
export interface FatturaIssue {
  readonly code: FatturaIssueCode
  readonly path: string
  readonly message: LocalizedText
  readonly line?: number
  readonly column?: number
}
