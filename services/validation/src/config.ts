import Type from 'typebox'
import { commonConfigProperties } from '@varco/config'
import { documentConfigProperties } from '@varco/documents'

/** The validation service's environment (see README.md). */
export const ValidationConfig = Type.Object({
  ...commonConfigProperties,
  ...documentConfigProperties,
  VALIDATION_GROUP_ID: Type.String({ minLength: 1, default: 'validation' }),
  TOPIC_PREFIX: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', default: 'varco' }),
})

export type ValidationConfig = Type.Static<typeof ValidationConfig>
