import Type from 'typebox'
import { commonConfigProperties } from '@varco/config'
import { documentConfigProperties } from '@varco/documents'

/** Where SoftHSM2 installs its module on Debian; production sets the HSM or smart-card vendor's module. */
export const DEFAULT_PKCS11_MODULE = '/usr/lib/softhsm/libsofthsm2.so'

/** The signing service's environment (see README.md). */
export const SigningConfig = Type.Object({
  ...commonConfigProperties,
  ...documentConfigProperties,
  SIGNING_GROUP_ID: Type.String({ minLength: 1, default: 'signing' }),
  TOPIC_PREFIX: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', default: 'varco' }),
  SIGNING_SECRETS_DIR: Type.Optional(
    Type.String({
      pattern: '^/',
      description:
        'Absolute path of the directory whose files hold the passwords, passphrases and PINs identities name',
    }),
  ),
  SIGNING_PKCS11_MODULE: Type.String({
    pattern: '^/',
    default: DEFAULT_PKCS11_MODULE,
    description: 'PKCS#11 module of token identities that name none',
  }),
  SIGNING_IDENTITY_CACHE_SIZE: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 32,
    description: 'Loaded identities kept open (PKCS#11 sessions are expensive to open)',
  }),
})

export type SigningConfig = Type.Static<typeof SigningConfig>
