import { defineError } from '@varco/errors'

// Every error here is non-retriable: the same call with the same input and configuration fails the same way.
// The messages name documents by address and master keys by id, never by key material or content.

/** A document address that is not 64 lowercase hex digits (the sha256 of the content). */
export const DocumentBadRef = defineError<[string]>(
  'DOC_ERR_BAD_REF',
  "'%s' is not a document address: 64 lowercase hex digits expected",
  { statusCode: 400 },
)

/** A media type outside the DocumentRef contract (1 to 200 characters). */
export const DocumentBadMediaType = defineError<[number]>(
  'DOC_ERR_BAD_MEDIA_TYPE',
  'A media type of 1 to 200 characters expected, got %s characters',
  { statusCode: 400 },
)

/** Content larger than the store's limit. */
export const DocumentTooLarge = defineError<[number, number]>(
  'DOC_ERR_TOO_LARGE',
  'Document of %s bytes exceeds the limit of %s bytes',
  { statusCode: 413 },
)

/** No document at this address. */
export const DocumentNotFound = defineError<[string]>('DOC_ERR_NOT_FOUND', "Document '%s' not found", {
  statusCode: 404,
})

/** The document was encrypted under a master key id the keyring does not hold. */
export const DocumentKeyUnknown = defineError<[string, string]>(
  'DOC_ERR_KEY_UNKNOWN',
  "Document '%s' is encrypted under master key '%s', which is not in the keyring",
)

/** Authentication failed: wrong key material under a known id, or a tampered row. */
export const DocumentDecryptFailed = defineError<[string, string, { cause: unknown }?]>(
  'DOC_ERR_DECRYPT',
  "Document '%s' could not be decrypted: %s",
)

/** Decryption succeeded but the content does not match its address or recorded size. */
export const DocumentIntegrityFailed = defineError<[string, string]>(
  'DOC_ERR_INTEGRITY',
  "Document '%s' failed its integrity check: %s",
)

/** DOCUMENT_KEYS / DOCUMENT_ACTIVE_KEY are malformed; raised at start-up. */
export const DocumentKeyringInvalid = defineError<[string]>('DOC_ERR_KEYRING', 'Invalid document keyring: %s')

/** A programming error in the store's options (a batch size of 0, a negative limit). */
export const DocumentOptionInvalid = defineError<[string]>('DOC_ERR_OPTION', 'Invalid document store option: %s')
