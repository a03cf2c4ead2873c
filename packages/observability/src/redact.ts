/**
 * Paths pino replaces with "[redacted]" in every log line: credentials, key material and the personal data an
 * invoice carries. Logs must be shareable with a vendor's support team without leaking a client's data.
 * Wildcards cover one level of nesting (`*.password`), the common shape of `{ config }` or `{ req }` bindings.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'password',
  'passphrase',
  'secret',
  'token',
  'apiKey',
  'privateKey',
  'masterKey',
  'dataKey',
  'pin',
]

const PERSONAL_KEYS = ['codiceFiscale', 'email', 'pec', 'pecDestinatario', 'telefono', 'nome', 'cognome', 'indirizzo']

const HEADER_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
]

export const redactPaths: readonly string[] = [
  ...HEADER_PATHS,
  ...[...SECRET_KEYS, ...PERSONAL_KEYS].flatMap((key) => [key, `*.${key}`]),
]
