import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { InternalAuthRequired } from '../errors.ts'

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()

/**
 * An onRequest hook checking `authorization: Bearer <token>`. Both sides are hashed first, so the comparison is
 * constant-time whatever the length of what was sent.
 */
export function bearerGuard(
  token: string,
): (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void {
  const expected = digest(token)
  return (request, _reply, done) => {
    const header = request.headers.authorization
    const sent = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : ''
    done(sent.length > 0 && timingSafeEqual(digest(sent), expected) ? undefined : new InternalAuthRequired())
  }
}
