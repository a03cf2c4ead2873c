import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { classifyError, type CodedError } from '@varco/errors'
import {
  BadRequest,
  BodyTooLarge,
  EmptyBody,
  Internal,
  problemTitle,
  RouteNotFound,
  Unavailable,
  UnsupportedMediaType,
  type InvoiceInvalidError,
} from '../errors.ts'

/** An RFC 9457 problem document as this API writes it. */
export interface ProblemDocument {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly instance: string
  readonly code: string
  readonly requestId: string
  readonly errors?: InvoiceInvalidError['errors']
  readonly issues?: ReadonlyArray<{ readonly path: string; readonly message: string }>
}

interface ValidationIssue {
  readonly instancePath?: string
  readonly message?: string
}

/** Fastify's own errors, turned into this service's codes; anything not listed is not a client error. */
function fromFastify(err: FastifyError, request: FastifyRequest, bodyLimit: number): CodedError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UnsupportedMediaType(request.headers['content-type'] ?? '(none)')
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new BodyTooLarge(bodyLimit)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new EmptyBody()
    default:
      return err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500
        ? new BadRequest(err.message)
        : undefined
  }
}

/** The coded error a thrown value stands for, as a vendor may see it; `internal` when it must be logged. */
export function codedErrorOf(
  err: unknown,
  request: FastifyRequest,
  bodyLimit: number,
): { readonly error: CodedError; readonly internal: boolean } {
  const { code, statusCode } = (err ?? {}) as { code?: unknown; statusCode?: unknown }
  if (typeof code === 'string' && problemTitle(code) !== undefined && typeof statusCode === 'number') {
    return { error: err as CodedError, internal: statusCode >= 500 }
  }
  if (typeof code === 'string' && code.startsWith('FST_')) {
    const mapped = fromFastify(err as FastifyError, request, bodyLimit)
    if (mapped !== undefined) return { error: mapped, internal: false }
  }
  // A database or broker that is away: the client may retry; anything else is a bug, logged, never described.
  return classifyError(err) === 'retriable'
    ? { error: new Unavailable(), internal: true }
    : { error: new Internal(), internal: true }
}

/** The problem document of a coded error. */
export function problemOf(error: CodedError, request: FastifyRequest, cause: unknown): ProblemDocument {
  const validation = (cause as { validation?: readonly ValidationIssue[] } | null)?.validation
  const errors = (error as Partial<InvoiceInvalidError>).errors
  return {
    type: `urn:varco:error:${error.code}`,
    title: problemTitle(error.code) ?? 'Error',
    status: error.statusCode,
    detail: error.message,
    instance: request.url.split('?', 1)[0]!,
    code: error.code,
    requestId: request.id,
    ...(errors === undefined ? {} : { errors }),
    ...(validation === undefined
      ? {}
      : { issues: validation.map((v) => ({ path: v.instancePath ?? '', message: v.message ?? 'invalid' })) }),
  }
}

function send(reply: FastifyReply, problem: ProblemDocument): FastifyReply {
  if (problem.status === 503) void reply.header('retry-after', '5')
  if (problem.status === 401) void reply.header('www-authenticate', 'Bearer realm="varco"')
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

/**
 * The one error handler: every error becomes an application/problem+json document with a stable code. 5xx are
 * logged with the error and answered with a generic message; 4xx are the client's, logged at info without payload.
 */
export const problemsPlugin = fp(
  (app: FastifyInstance, options: { readonly bodyLimit: number }) => {
    app.setErrorHandler((err, request, reply) => {
      const { error, internal } = codedErrorOf(err, request, options.bodyLimit)
      if (internal) request.log.error({ err }, 'request failed')
      else request.log.info({ code: error.code, statusCode: error.statusCode }, 'request refused')
      return send(reply, problemOf(error, request, err))
    })
    app.setNotFoundHandler((request, reply) =>
      send(reply, problemOf(new RouteNotFound(request.method, request.url.split('?', 1)[0]!), request, undefined)),
    )
  },
  { name: 'problems' },
)
