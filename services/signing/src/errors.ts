import { defineError } from '@varco/errors'

// The signing service's coded errors (README.md lists them). Messages name tenants, transmitters, identities, files
// and token labels, never a key, password, passphrase or PIN. Only a token that may come back is retriable; every
// other failure needs an operator, so retrying would only hold up the partition.

/** Neither the transmitter nor the tenant has a signing identity, and the policy requires a signature. */
export const SigningNoIdentity = defineError<[string, string]>(
  'SIGNING_ERR_NO_IDENTITY',
  "No signing identity for tenant '%s' and transmitter '%s'",
)

/** The identity's certificate expired before the signing time (SdI would answer 00100). */
export const SigningCertificateExpired = defineError<[string, string]>(
  'SIGNING_ERR_CERTIFICATE_EXPIRED',
  "The signing certificate '%s' expired at %s",
)

/** The identity's certificate is not valid yet at the signing time (SdI would answer 00107). */
export const SigningCertificateNotYetValid = defineError<[string, string]>(
  'SIGNING_ERR_CERTIFICATE_NOT_YET_VALID',
  "The signing certificate '%s' is valid only from %s",
)

/** A key or certificate file that cannot be read or opened: wrong password, PIN or passphrase, corrupt file. */
export const SigningIdentityUnreadable = defineError<[string, string, { cause: unknown }?]>(
  'SIGNING_ERR_IDENTITY_UNREADABLE',
  'Signing identity %s cannot be used: %s',
)

/** A secret an identity names is not in the secrets directory (or no directory is configured). */
export const SigningSecretMissing = defineError<[string, string]>(
  'SIGNING_ERR_SECRET_MISSING',
  "Secret '%s' cannot be read: %s",
)

/** The PKCS#11 token is absent or not answering: retried with backoff until it is back. */
export const SigningTokenUnavailable = defineError<[string, string, { cause: unknown }?]>(
  'SIGNING_ERR_TOKEN_UNAVAILABLE',
  'The token of signing identity %s is unavailable: %s',
  { statusCode: 503, retriable: true },
)

/** The file itself cannot be signed in the required format (e.g. XAdES of a file that is not well-formed XML). */
export const SigningContentUnsignable = defineError<[string, { cause: unknown }?]>(
  'SIGNING_ERR_CONTENT_UNSIGNABLE',
  'The file cannot be signed: %s',
)

/** The identity loaded but refused to sign (a key not allowed to sign, a token that rejects the mechanism). */
export const SigningSignerFailed = defineError<[string, string, { cause: unknown }?]>(
  'SIGNING_ERR_SIGNER_FAILED',
  'Signing identity %s could not sign: %s',
)

/** A policy or identity an operator tries to configure is not acceptable. */
export const SigningSetupInvalid = defineError<[string]>('SIGNING_ERR_SETUP_INVALID', 'Invalid signing set-up: %s', {
  statusCode: 400,
})
