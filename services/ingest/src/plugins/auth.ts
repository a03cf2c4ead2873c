import type { FastifyInstance } from 'fastify'
import type { Principal } from '../adapters/pg/tenant-repository.ts'
import { bearerToken } from '../domain/api-key.ts'
import { AuthInvalid, AuthMissing } from '../errors.ts'
import type { Authenticate } from '../use-cases/authenticate.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant and key of an authenticated request (routes under /v1 only). */
    principal: Principal | null
  }
}

/** The principal of an authenticated request; routes call it where the auth hook has run. */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (request.principal === null) throw new AuthMissing()
  return request.principal
}

/**
 * Requires `Authorization: Bearer <API key>` on every route of the instance it is added to (an encapsulated scope),
 * before the body is read and before the per-key rate limit, which counts by key.
 */
export function requireApiKey(app: FastifyInstance, authenticate: Authenticate): void {
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request.headers.authorization)
    if (token === undefined) throw new AuthMissing()
    const principal = token === '' ? undefined : await authenticate(token)
    if (principal === undefined) throw new AuthInvalid()
    request.principal = principal
  })
}
