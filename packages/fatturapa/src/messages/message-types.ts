import Type, { type Static } from 'typebox'
import { XmlAnnotation, xmlSequence } from '../model/annotations.ts'

/*
 * The simple types of the two SdI message schemas (XSD name in each comment): MessaggiTypes v1.1 ("pa", the FPA12
 * flows) and MessaggiFatturaTypes v1.0 ("b2b", the FPR12 flows). The translation rules of model/simple-types.ts apply:
 * anchored patterns, lengths in code points, integers as numbers, the whiteSpace facet applied by the parser.
 */

const collapse = { [XmlAnnotation.whiteSpace]: 'collapse' } as const
const attribute = { [XmlAnnotation.attribute]: true } as const

/**
 * MessaggiTypes IdentificativoSdI_Type: xs:integer with totalDigits 12. A string in the model because the B2B family
 * declares it a string, so both families expose the same type; kept as written (after whitespace collapse). Leading
 * zeros do not count towards totalDigits and a sign is part of xs:integer's lexical space, hence the pattern.
 */
export const paIdentificativoSdI = Type.String({ ...collapse, pattern: '^[+-]?0*[0-9]{1,12}$' })
/** MessaggiFatturaTypes IdentificativoSdI_Type: 1..36 characters. */
export const b2bIdentificativoSdI = Type.String({ minLength: 1, maxLength: 36 })

/** NomeFile_Type (both families): at most 50 characters; the schemas set no minimum and no pattern. */
export const nomeFile = Type.String({ maxLength: 50 })
/** MessageId_Type: 1..14 characters (pa), 1..36 (b2b). */
export const paMessageId = Type.String({ minLength: 1, maxLength: 14 })
export const b2bMessageId = Type.String({ minLength: 1, maxLength: 36 })
/** Descrizione_Type: at most 255 characters (pa), 1000 (b2b). */
export const paDescrizione = Type.String({ maxLength: 255 })
export const b2bDescrizione = Type.String({ maxLength: 1000 })
/** xs:string elements without facets (Note, Hash, HashFileOriginale, Destinatario/Descrizione, PecMessageId_Type). */
export const xsdString = Type.String()
/** Formato_Type: at most 5 characters (the invoice format, e.g. FPA12, SDI10 in the official MT sample). */
export const formato = Type.String({ maxLength: 5 })
/** xs:integer (TentativiInvio). */
export const xsdInteger = Type.Integer(collapse)

/** Codice_Type of an NS error (pa): exactly 5 characters. CodiceErrore_Type (b2b): 1..5 characters. */
export const paCodiceErrore = Type.String({ minLength: 5, maxLength: 5 })
export const b2bCodiceErrore = Type.String({ minLength: 1, maxLength: 5 })
/** Suggerimento_Type (b2b): at most 2000 characters. */
export const suggerimento = Type.String({ maxLength: 2000 })

/** EsitoCommittente_Type: EC01 the recipient accepts the invoice, EC02 it refuses it. */
export const ESITI_COMMITTENTE = ['EC01', 'EC02'] as const
export const esitoCommittente = Type.Enum(ESITI_COMMITTENTE)
export type EsitoCommittente = Static<typeof esitoCommittente>

/** Scarto_Type (SE): EN00 the EC does not conform to the format, EN01 the EC is not admissible (e.g. too late). */
export const SCARTI_ESITO = ['EN00', 'EN01'] as const
export const scartoEsito = Type.Enum(SCARTI_ESITO)
export type ScartoEsito = Static<typeof scartoEsito>

/** Attribute `versione` (Versione_Type, use="required" fixed="1.0"). */
export const versione = Type.With(Type.Literal('1.0'), attribute)
/** An optional attribute with fixed="Si" (IntermediarioConDupliceRuolo, FlussoSemplificato). */
export const fixedSi = Type.Optional(Type.With(Type.Literal('Si'), attribute))

/**
 * RiferimentoFattura_Type (declared identically by both schemas; only MessaggiTypes uses it): which invoice of a lotto
 * an EC, SE or DT is about.
 */
export const RiferimentoFattura = xmlSequence({
  /** NumeroFattura_Type: xs:normalizedString of 1..20 Basic Latin characters. */
  NumeroFattura: Type.String({ minLength: 1, maxLength: 20, pattern: '^[\\u0000-\\u007F]{1,20}$' }),
  /** AnnoFattura_Type: xs:nonNegativeInteger. */
  AnnoFattura: Type.Integer({ ...collapse, minimum: 0 }),
  /** xs:positiveInteger: the invoice's position in the lotto, from 1. */
  PosizioneFattura: Type.Optional(Type.Integer({ ...collapse, minimum: 1 })),
})
export type RiferimentoFattura = Static<typeof RiferimentoFattura>
