import Type, { type Static } from 'typebox'

/**
 * A claim check: events carry a reference to bytes kept in the document store, never the bytes
 * (a FatturaPA file may be 5 MB; Kafka messages stay small).
 */
export const DocumentRef = Type.Object(
  {
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the plaintext bytes' }),
    size: Type.Integer({ minimum: 0 }),
    mediaType: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
)

export type DocumentRef = Static<typeof DocumentRef>
