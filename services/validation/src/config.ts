import Type from 'typebox'
import { commonConfigProperties } from '@varco/config'
import { documentConfigProperties } from '@varco/documents'

/** The validation service's environment (see README.md). */
export const ValidationConfig = Type.Object({
  ...commonConfigProperties,
  ...documentConfigProperties,
  VALIDATION_GROUP_ID: Type.String({ minLength: 1, default: 'validation' }),
  TOPIC_PREFIX: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', default: 'varco' }),
  /** PEM bundles of the CAs vendors' signatures must chain to (comma-separated paths); none: 00104 is left to SdI. */
  SIGNATURE_TRUST_FILES: Type.Optional(Type.String({ minLength: 1 })),
  /** A directory holding the official FatturaPA XSD (and xmldsig-core-schema.xsd): a second check of the format. */
  FATTURAPA_XSD_DIR: Type.Optional(Type.String({ minLength: 1 })),
})

export type ValidationConfig = Type.Static<typeof ValidationConfig>
