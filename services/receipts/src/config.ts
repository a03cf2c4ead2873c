import Type from 'typebox'
import { commonConfigProperties } from '@varco/config'
import { documentConfigProperties } from '@varco/documents'
import { webhookConfigProperties } from './webhooks/config.ts'

const pemFile = (description: string) => Type.String({ minLength: 1, description })
const pemFiles = (description: string) => Type.String({ pattern: '^[^,]+(,[^,]+)*$', description })

/** The receipts service's environment (see README.md). */
export const ReceiptsConfig = Type.Object({
  ...commonConfigProperties,
  ...documentConfigProperties,
  TOPIC_PREFIX: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', default: 'varco' }),
  RECEIPTS_GROUP_ID: Type.String({ minLength: 1, default: 'receipts' }),
  /** Where SdI calls us: TrasmissioneFatture and RicezioneFatture over HTTPS with mutual TLS. */
  RECEIPTS_SDI_HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  RECEIPTS_SDI_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8443 }),
  RECEIPTS_SDI_CERT_FILE: pemFile('our server certificate for SdI (with intermediates), PEM'),
  RECEIPTS_SDI_KEY_FILE: pemFile('its key, PEM'),
  RECEIPTS_SDI_CLIENT_CA_FILE: pemFile('the CA SdI’s client certificate must chain to, PEM'),
  /** The CA(s) SdI's message-signing certificate chains to: every message's XAdES signature is verified against it. */
  SDI_MESSAGE_CA_FILES: pemFiles('comma-separated PEM bundles'),
  /** The CAs trusted for the sellers' signatures of incoming invoices (the qualified CAs of the trusted lists). */
  INCOMING_SIGNER_TRUST_FILES: pemFiles('comma-separated PEM bundles'),
  ...webhookConfigProperties,
})

export type ReceiptsConfig = Type.Static<typeof ReceiptsConfig>
