import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { classifyError, type CodedError } from '@varco/errors'
import {
  InternalBadRequest,
  InternalBodyTooLarge,
  InternalUnsupportedMediaType,
  InternalFailure,
  InternalRouteNotFound,
  InternalUnavailable,
  webhookProblemTitle,
} from '../errors.ts'

interface ValidationIssue {
  readonly instancePath?: string
  readonly message?: string
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?', 1)[0] ?? request.url
}

/** The coded error a thrown value stands for, and whether it is ours to log (a 5xx). */
function codedErrorOf(
  err: unknown,
  request: FastifyRequest,
): { readonly error: CodedError; readonly internal: boolean } {
  const { code, statusCode } = (err ?? {}) as { code?: unknown; statusCode?: unknown }
  if (typeof code === 'string' && webhookProblemTitle(code) !== undefined && typeof statusCode === 'number') {
    return { error: err as CodedError, internal: statusCode >= 500 }
  }
  // Fastify's own client errors (schema validation, bad JSON, bad content type, empty body, body too large).
  const fastify = err as Partial<FastifyError>
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { error: new InternalUnsupportedMediaType(request.headers['content-type'] ?? '(none)'), internal: false }
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { error: new InternalBodyTooLarge(), internal: false }
  if (typeof code === 'string' && code.startsWith('FST_') && fastify.statusCode !== undefined) {
    if (fastify.statusCode >= 400 && fastify.statusCode < 500) {
      return { error: new InternalBadRequest(fastify.message ?? 'bad request'), internal: false }
    }
  }
  return classifyError(err) === 'retriable'
    ? { error: new InternalUnavailable(), internal: true }
    : { error: new InternalFailure(), internal: true }
}

function send(reply: FastifyReply, request: FastifyRequest, error: CodedError, cause: unknown): FastifyReply {
  const validation = (cause as { validation?: readonly ValidationIssue[] } | null)?.validation
  const problem = {
    type: `urn:varco:error:${error.code}`,
    title: webhookProblemTitle(error.code) ?? 'Error',
    status: error.statusCode,
    detail: error.message,
    instance: pathOf(request),
    code: error.code,
    requestId: request.id,
    ...(validation === undefined
      ? {}
      : { issues: validation.map((v) => ({ path: v.instancePath ?? '', message: v.message ?? 'invalid' })) }),
  }
  if (problem.status === 503) void reply.header('retry-after', '5')
  if (problem.status === 401) void reply.header('www-authenticate', 'Bearer realm="varco-internal"')
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

/** Every error becomes an RFC 9457 problem document with a stable code; 5xx are logged, never described. */
export const internalProblemsPlugin = fp(
  (app: FastifyInstance) => {
    app.setErrorHandler((err, request, reply) => {
      const { error, internal } = codedErrorOf(err, request)
      if (internal) request.log.error({ err }, 'internal request failed')
      else request.log.info({ code: error.code, statusCode: error.statusCode }, 'internal request refused')
      return send(reply, request, error, err)
    })
    app.setNotFoundHandler((request, reply) =>
      send(reply, request, new InternalRouteNotFound(request.method, pathOf(request)), undefined),
    )
  },
  { name: 'internal-problems' },
)
