import Type from 'typebox'
import { commonConfigProperties } from '@varco/config'
import { documentConfigProperties } from '@varco/documents'

/** The transmission service's environment (see README.md). */
export const TransmissionConfig = Type.Object({
  ...commonConfigProperties,
  ...documentConfigProperties,
  TRANSMISSION_GROUP_ID: Type.String({ minLength: 1, default: 'transmission' }),
  TOPIC_PREFIX: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', default: 'varco' }),
  /** SdIRiceviFile's https URL, given by SdI at channel accreditation (or the simulator's). */
  SDI_RICEVI_FILE_URL: Type.String({ pattern: '^https://' }),
  /** SdIRiceviNotifica's https URL: where the clients' outcomes (EC) on invoices they received go. */
  SDI_RICEVI_NOTIFICA_URL: Type.String({ pattern: '^https://' }),
  /** Outcome calls to SdI at once, per process. */
  OUTCOME_WORKERS: Type.Integer({ minimum: 1, maximum: 16, default: 1 }),
  OUTCOME_GROUP_ID: Type.String({ minLength: 1, default: 'transmission-outcomes' }),
  /** PEM files: our client certificate (with intermediates), its key, and the CA SdI's server certificate chains to. */
  SDI_CLIENT_CERT_FILE: Type.String({ minLength: 1 }),
  SDI_CLIENT_KEY_FILE: Type.String({ minLength: 1 }),
  SDI_SERVER_CA_FILE: Type.String({ minLength: 1 }),
  SDI_CALL_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  /** Calls to SdI at once, per process. */
  TRANSMISSION_WORKERS: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
  /** The channel's rate limit: calls per second on average, and the burst. */
  SDI_RATE_PER_SECOND: Type.Number({ exclusiveMinimum: 0, default: 50 }),
  SDI_RATE_BURST: Type.Integer({ minimum: 1, default: 50 }),
  RETRY_INITIAL_MS: Type.Integer({ minimum: 1, default: 5_000 }),
  RETRY_MAX_MS: Type.Integer({ minimum: 1, default: 3_600_000 }),
  BREAKER_THRESHOLD: Type.Integer({ minimum: 1, default: 5 }),
  BREAKER_COOL_DOWN_MS: Type.Integer({ minimum: 1, default: 30_000 }),
  /** How long an invoice caught mid-call by a crash waits for SdI's notification before it is sent again. */
  RECONCILIATION_WINDOW_MS: Type.Integer({ minimum: 0, default: 600_000 }),
  /** How often idle workers look for due invoices. */
  POLL_INTERVAL_MS: Type.Integer({ minimum: 10, default: 500 }),
})

export type TransmissionConfig = Type.Static<typeof TransmissionConfig>
