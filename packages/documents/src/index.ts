export { documentConfigProperties } from './config.ts'
export { addressOf } from './address.ts'
export {
  createDocumentStore,
  DEFAULT_MAX_DOCUMENT_BYTES,
  documentsMigrationsDir,
  documentsSchema,
  type DocumentContent,
  type DocumentStore,
  type DocumentStoreOptions,
} from './document-store.ts'
export {
  DocumentBadMediaType,
  DocumentBadRef,
  DocumentDecryptFailed,
  DocumentIntegrityFailed,
  DocumentKeyringInvalid,
  DocumentKeyUnknown,
  DocumentNotFound,
  DocumentOptionInvalid,
  DocumentTooLarge,
} from './errors.ts'
export { KEY_ID_PATTERN, MASTER_KEY_BYTES, parseKeyring, type Keyring } from './keyring.ts'
export { type RewrapResult } from './rewrap.ts'
