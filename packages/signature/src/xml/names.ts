// XML 1.0 (fifth edition) names, without the colon: namespaces allow at most one, as the prefix separator.
const START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}'
const REST = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`

/** A qualified name at the sticky position: optional `prefix:` then a local name. */
// eslint-disable-next-line no-misleading-character-class -- code point ranges of XML 1.0 §2.3 (ZWNJ and ZWJ among them), not combined characters
export const QNAME = new RegExp(`(?:([${START}][${REST}]*):)?([${START}][${REST}]*)`, 'uy')

/** Characters XML 1.0 forbids anywhere in a document (C0 controls but TAB, LF, CR; U+FFFE/U+FFFF; lone surrogates). */
export const FORBIDDEN_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export const XML_NS = 'http://www.w3.org/XML/1998/namespace'
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'
