import Type, { type Static } from 'typebox'
import { DSIG_NAMESPACE, XmlAnnotation, repeated, xmlSequence } from './annotations.ts'
import { FatturaElettronicaBody } from './body.ts'
import { formatoTrasmissione } from './code-lists.ts'
import { FatturaElettronicaHeader } from './header.ts'
import { string10 } from './simple-types.ts'

/**
 * The optional enveloped ds:Signature at the end of the root, kept opaque: `xml` is the element as self-contained XML
 * (it declares the inherited namespace bindings it uses). Its content is neither modelled nor checked against
 * xmldsig; verifying an XAdES signature needs the original bytes anyway, and is a separate concern.
 */
export const DsSignature = Type.Object(
  { xml: Type.String({ minLength: 1 }) },
  { additionalProperties: false, [XmlAnnotation.opaque]: true, [XmlAnnotation.namespace]: DSIG_NAMESPACE },
)
export type DsSignature = Static<typeof DsSignature>

const attribute = { [XmlAnnotation.attribute]: true } as const

/**
 * FatturaElettronicaType, the root of a FatturaPA 1.2.3 file, for both formats: `versione` FPA12 (to a public
 * administration) or FPR12 (to private parties). The attributes come first; then the elements in schema order.
 */
export const FatturaElettronica = xmlSequence({
  versione: Type.With(formatoTrasmissione, attribute),
  SistemaEmittente: Type.Optional(Type.With(string10, attribute)),
  FatturaElettronicaHeader,
  FatturaElettronicaBody: repeated(FatturaElettronicaBody),
  Signature: Type.Optional(DsSignature),
})
export type FatturaElettronica = Static<typeof FatturaElettronica>
