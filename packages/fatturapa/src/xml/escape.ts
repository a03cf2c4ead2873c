// Characters XML 1.0 cannot carry at all: C0 controls other than tab/LF/CR, lone surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

const TEXT_SPECIAL = /[&<>\r]/
const TEXT_SPECIAL_ALL = /[&<>\r]/g
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/
const ATTRIBUTE_SPECIAL_ALL = /[&<>"\t\n\r]/g

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // A literal CR would come back as LF (end-of-line normalization), tab/LF in an attribute as a space
  // (attribute-value normalization): character references survive both.
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
}

const replace = (char: string): string => REPLACEMENTS[char] ?? char

/** Index of the first character XML 1.0 does not allow, or -1. */
export function invalidXmlCharIndex(value: string): number {
  const match = NOT_XML_CHAR.exec(value)
  return match === null ? -1 : match.index
}

/** Escapes element text ("&", "<", ">" and CR). */
export function escapeText(value: string): string {
  return TEXT_SPECIAL.test(value) ? value.replace(TEXT_SPECIAL_ALL, replace) : value
}

/** Escapes an attribute value written between double quotes. */
export function escapeAttribute(value: string): string {
  return ATTRIBUTE_SPECIAL.test(value) ? value.replace(ATTRIBUTE_SPECIAL_ALL, replace) : value
}
