/**
 * How a failed operation should be treated by whoever runs it again (a Kafka consumer, the outbox relay):
 * - `retriable`: infrastructure that will come back (network, broker, database restart); retry without limit.
 * - `fatal`: the input itself is wrong (schema, business rule); retrying cannot help, park it (dead-letter topic).
 * - `unknown`: anything else, most likely a bug; retry a few times, then park it so the queue moves on.
 */
export type ErrorClass = 'retriable' | 'fatal' | 'unknown'

// Node's system error codes for a peer that is down, unreachable or too slow.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
])

// PostgreSQL SQLSTATE classes that mean "try again": 08 connection exception, 40 transaction rollback
// (serialization failure, deadlock), 53 insufficient resources, 57P0x operator intervention (shutdown, restart).
function isRetriableSqlState(code: string): boolean {
  return /^(08|40|53)/.test(code) || /^57P0[1-4]$/.test(code)
}

/** Classifies an error by its own `retriable` flag, then by well-known system and SQLSTATE codes. */
export function classifyError(err: unknown): ErrorClass {
  if (typeof err !== 'object' || err === null) return 'unknown'
  const { retriable, code, name } = err as { retriable?: unknown; code?: unknown; name?: unknown }
  // A kafkajs failure inside a handler is about the broker, never about the input, even where kafkajs itself
  // calls it non-retriable (KafkaJSNumberOfRetriesExceeded): the same input succeeds once the broker is back.
  if (typeof name === 'string' && name.startsWith('KafkaJS')) return 'retriable'
  if (retriable === true) return 'retriable'
  if (retriable === false) return 'fatal'
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return 'retriable'
    if (/^[0-9A-Z]{5}$/.test(code) && isRetriableSqlState(code)) return 'retriable'
  }
  return 'unknown'
}

/** The stable code of an error for logs and dead-letter headers; `UNKNOWN` when it has none. */
export function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code } = err as { code?: unknown }
    if (typeof code === 'string' && code.length > 0) return code
  }
  return 'UNKNOWN'
}

/** The message of any thrown value, for logs and dead-letter headers. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
