import createError from '@fastify/error'

/** An error with a stable code, an HTTP status and whether trying again may succeed. */
export interface CodedError extends Error {
  readonly code: string
  readonly statusCode: number
  readonly retriable: boolean
}

export interface CodedErrorOptions {
  /** HTTP status when the error reaches an API client; 500 unless said. */
  readonly statusCode?: number
  /**
   * Whether the same operation may succeed later (a broker or database that is down, a timeout).
   * Business-rule and schema errors are not retriable: retrying them only blocks the queue.
   */
  readonly retriable?: boolean
}

/** The cause of a wrapped error, passed as the constructor's last argument (as @fastify/error expects it). */
export interface ErrorCause {
  readonly cause: unknown
}

export interface CodedErrorConstructor<Args extends unknown[]> {
  new (...args: Args | [...Args, ErrorCause]): CodedError
  (...args: Args | [...Args, ErrorCause]): CodedError
  readonly code: string
}

/**
 * Defines a coded error, e.g. `defineError('DB_ERR_MIGRATION', "Migration of schema '%s' failed", { retriable: true })`.
 * The message takes `%s` placeholders, filled from the constructor's arguments; pass `{ cause }` as the last one.
 */
export function defineError<Args extends unknown[] = [string?, string?, string?]>(
  code: string,
  message: string,
  options: CodedErrorOptions = {},
): CodedErrorConstructor<Args> {
  const Base = createError(code, message, options.statusCode ?? 500)
  Object.defineProperty(Base.prototype, 'retriable', { value: options.retriable ?? false, enumerable: false })
  Object.defineProperty(Base, 'code', { value: code, enumerable: true })
  return Base as unknown as CodedErrorConstructor<Args>
}
