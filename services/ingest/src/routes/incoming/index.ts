import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { principalOf } from '../../plugins/auth.ts'
import type { IngestDeps } from '../../use-cases/deps.ts'
import { getIncoming, getIncomingFile, listIncoming } from '../../use-cases/incoming-invoices.ts'
import { requestOutcome } from '../../use-cases/request-outcome.ts'
import { problems } from '../invoices/schemas.ts'
import { incomingExamples } from './examples.ts'
import {
  FileQuery,
  IncomingInvoice,
  IncomingListQuery,
  IncomingPage,
  IncomingParams,
  OutcomeAccepted,
  OutcomeBody,
} from './schemas.ts'

export interface IncomingRoutesOptions {
  readonly deps: IngestDeps
}

const fileSchema = (options: Record<string, unknown>) => Type.Unsafe<Buffer>(Type.String(options))

/** The /v1/incoming-invoices routes: invoices SdI delivered to the tenant, and its outcome on them. */
export const incomingRoutes: FastifyPluginCallbackTypebox<IncomingRoutesOptions> = (app, { deps }, done) => {
  app.get(
    '/v1/incoming-invoices',
    {
      schema: {
        tags: ['incoming invoices'],
        summary: 'List the invoices SdI delivered to the tenant, newest first',
        querystring: IncomingListQuery,
        response: { 200: IncomingPage, ...problems(400, 401, 429) },
      },
    },
    async (request) => listIncoming(deps, principalOf(request), { ...request.query, limit: request.query.limit ?? 50 }),
  )

  app.get(
    '/v1/incoming-invoices/:id',
    {
      schema: {
        tags: ['incoming invoices'],
        summary: 'An incoming invoice: parties, documents, signer, outcome and its history',
        params: IncomingParams,
        response: { 200: IncomingInvoice, ...problems(401, 404, 429) },
      },
    },
    async (request) => getIncoming(deps, principalOf(request), request.params.id),
  )

  app.get(
    '/v1/incoming-invoices/:id/file',
    {
      schema: {
        tags: ['incoming invoices'],
        summary: 'The file as SdI delivered it, its invoice XML, or SdI’s metadata file (MT)',
        params: IncomingParams,
        querystring: FileQuery,
        response: {
          200: {
            description: 'The bytes, as stored',
            content: {
              'application/xml': { schema: fileSchema({ examples: [incomingExamples.metadataXml] }) },
              'application/pkcs7-mime': { schema: fileSchema({ contentMediaType: 'application/pkcs7-mime' }) },
            },
          },
          ...problems(400, 401, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const file = await getIncomingFile(
        deps,
        principalOf(request),
        request.params.id,
        request.query.part ?? 'original',
      )
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.bytes)
    },
  )

  app.post(
    '/v1/incoming-invoices/:id/outcome',
    {
      schema: {
        tags: ['incoming invoices'],
        summary: 'Accept (EC01) or refuse (EC02) an FPA12 invoice: the EC is sent to SdI',
        description:
          '202: the outcome is on its way (outcomeState outcome_requested); SdI’s answer follows as ' +
          'outcome_accepted (ES01), outcome_refused (ES00, with the SE code) or outcome_failed. 409: FPR12 (no ' +
          'outcome in B2B), an outcome in flight, one already taken, or the terms expired (DT). Allowed again after ' +
          'a refusal or a failure.',
        params: IncomingParams,
        body: OutcomeBody,
        response: { 202: OutcomeAccepted, ...problems(400, 401, 404, 409, 415, 422, 429) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await requestOutcome(deps, principalOf(request), request.params.id, request.body)),
  )
  done()
}
