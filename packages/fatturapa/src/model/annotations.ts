import Type, { type TObject, type TProperties, type TSchema, type TArray } from 'typebox'

/**
 * Schema annotations read by the XML codec (src/xml). They are extra JSON Schema keywords: TypeBox keeps them on the
 * schema and the validator ignores them.
 */
export const XmlAnnotation = {
  /** `true` on a property that is an XML attribute of its element rather than a child element. */
  attribute: 'xmlAttribute',
  /**
   * XSD whiteSpace facet to apply to element text before storing it: `collapse` (trim and squeeze runs of blanks, as
   * XSD does for decimal, integer and token types) or `remove` (drop every blank: base64Binary). Absent = preserve.
   */
  whiteSpace: 'xmlWhiteSpace',
  /** Namespace URI of an element that is not unqualified (only ds:Signature in FatturaPA). */
  namespace: 'xmlNamespace',
  /** `true` on an element kept as opaque, self-contained XML text instead of being modelled. */
  opaque: 'xmlOpaque',
} as const

export type XmlWhiteSpace = 'collapse' | 'remove'

/** The FatturaPA 1.2 target namespace: only the root element is qualified (elementFormDefault is unqualified). */
export const FATTURAPA_NAMESPACE = 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2'

/** XML Signature namespace (the optional enveloped ds:Signature at the end of the root). */
export const DSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#'

/**
 * An XSD complexType with element-only content: a closed object whose property order is the xs:sequence order
 * (the serializer writes children in declaration order).
 */
export function xmlSequence<P extends TProperties>(properties: P, description?: string): TObject<P> {
  return Type.Object(
    properties,
    description === undefined ? { additionalProperties: false } : { additionalProperties: false, description },
  )
}

/** An element with maxOccurs="unbounded": an array with at least one item (absent when there are none). */
export function repeated<T extends TSchema>(item: T): TArray<T> {
  return Type.Array(item, { minItems: 1 })
}
