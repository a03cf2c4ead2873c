import Type from 'typebox'

const pemFile = (description: string) => Type.String({ minLength: 1, description })

/** The simulator's environment (see README.md). */
export const SimulatorConfig = Type.Object({
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  LOG_PRETTY: Type.Boolean({ default: false }),
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://' }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  SIMULATOR_HOST: Type.String({ default: '127.0.0.1' }),
  /** HTTPS with mutual TLS: SdIRiceviFile at /SdIRiceviFile. */
  SIMULATOR_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9443 }),
  /** Plain HTTP, on SIMULATOR_HOST only: the control API (outcomes, faults, time, what was received and sent). */
  SIMULATOR_CONTROL_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9080 }),
  SIMULATOR_SERVER_CERT_FILE: pemFile('the HTTPS server certificate (SdI side)'),
  SIMULATOR_SERVER_KEY_FILE: pemFile('its key'),
  SIMULATOR_CLIENT_CA_FILE: pemFile('the CA transmitters’ client certificates must chain to'),
  SIMULATOR_CLIENT_CERT_FILE: pemFile('SdI’s client certificate, presented when it calls a transmitter'),
  SIMULATOR_CLIENT_KEY_FILE: pemFile('its key'),
  SIMULATOR_PEER_CA_FILE: pemFile('the CA the transmitters’ server certificates chain to'),
  SIMULATOR_SIGNER_CERT_FILE: pemFile('the certificate SdI signs its messages with (XAdES)'),
  SIMULATOR_SIGNER_KEY_FILE: pemFile('its key'),
  SIMULATOR_TRUST_FILES: Type.String({
    minLength: 1,
    description: 'comma-separated PEM bundles of CAs for invoice signatures',
  }),
  /** The transmitter's TrasmissioneFatture endpoint, where SdI's messages go. */
  SIMULATOR_TRANSMITTER_URL: Type.String({ pattern: '^https://' }),
  /** SdI's windows (15 days for a PA's outcome, 10 before an AT, ...) are divided by this. */
  SIMULATOR_TIME_SCALE: Type.Number({ minimum: 1, default: 1 }),
  /** Treat every routing code as a registered recipient (default), or only those added through the control API. */
  SIMULATOR_ACCEPT_UNKNOWN_CODES: Type.Boolean({ default: true }),
  SIMULATOR_DISPATCH_INTERVAL_MS: Type.Integer({ minimum: 10, default: 200 }),
  SIMULATOR_CALL_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 }),
})

export type SimulatorConfig = Type.Static<typeof SimulatorConfig>
