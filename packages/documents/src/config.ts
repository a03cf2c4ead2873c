import Type from 'typebox'
import { DEFAULT_MAX_DOCUMENT_BYTES } from './document-store.ts'
import { KEY_ID_PATTERN } from './keyring.ts'

/** Variables of the document store; services spread them into their config schema (see commonConfigProperties). */
export const documentConfigProperties = {
  // No pattern here on purpose: parseKeyring checks it with messages that never echo key material.
  DOCUMENT_KEYS: Type.String({
    minLength: 1,
    description: 'Comma-separated keyId:base64 master keys, 32 random bytes each; a secret',
  }),
  DOCUMENT_ACTIVE_KEY: Type.String({ pattern: KEY_ID_PATTERN, description: 'Id of the master key for new documents' }),
  DOCUMENT_MAX_BYTES: Type.Integer({ minimum: 1, default: DEFAULT_MAX_DOCUMENT_BYTES }),
}
