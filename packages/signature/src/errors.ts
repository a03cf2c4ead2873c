import { defineError } from '@varco/errors'

// Errors here are for callers and configuration, never for a bad signature: a signature that fails a check is a
// coded verdict (see verify/verdict.ts), not an exception. None is retriable: the same input fails the same way.
// Messages name files, labels and algorithms, never key material, PINs or passwords.

/** The input to sign is not something this package can sign (not well-formed XML, already signed, empty root). */
export const SignatureInputInvalid = defineError<[string]>('SIG_ERR_INPUT', 'Unusable input: %s', {
  statusCode: 400,
})

/** A signing identity could not be loaded: wrong password, no key in the file, key and certificate do not match. */
export const SignatureIdentityInvalid = defineError<[string, { cause: unknown }?]>(
  'SIG_ERR_IDENTITY',
  'Invalid signing identity: %s',
)

/** A PKCS#11 module, token, login or key lookup failed. */
export const SignatureTokenError = defineError<[string, { cause: unknown }?]>(
  'SIG_ERR_PKCS11',
  'PKCS#11 token error: %s',
)

/** The signer itself failed (the token refused, the key is unusable): retrying with the same signer will not help. */
export const SignatureSignFailed = defineError<[string, { cause: unknown }?]>('SIG_ERR_SIGN', 'Signing failed: %s')

/** A programming error in the options passed to this package (an unknown format, an empty trust bundle entry). */
export const SignatureOptionInvalid = defineError<[string]>('SIG_ERR_OPTION', 'Invalid signature option: %s')
