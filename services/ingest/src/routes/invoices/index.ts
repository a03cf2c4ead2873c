import { TypeBoxValidatorCompiler, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify'
import Type, { type TSchema } from 'typebox'
import { idempotencyKeyOf } from '../../domain/idempotency.ts'
import { ACCEPTED_MEDIA_TYPES, inputKindOf, type InputKind } from '../../domain/media-types.ts'
import { UnsupportedMediaType } from '../../errors.ts'
import { principalOf } from '../../plugins/auth.ts'
import type { IngestDeps } from '../../use-cases/deps.ts'
import { getInvoice, getInvoiceFile, listInvoices } from '../../use-cases/query-invoices.ts'
import { resubmitInvoice } from '../../use-cases/resubmit-invoice.ts'
import { submitInvoice, type SubmitRequest, type SubmitResult } from '../../use-cases/submit-invoice.ts'
import { validateInvoice } from '../../use-cases/validate-invoice.ts'
import { exampleInvoiceJson, exampleInvoiceXml } from './examples.ts'
import {
  Accepted,
  FileParams,
  ResubmissionAccepted,
  Invoice,
  InvoicePage,
  InvoiceParams,
  ListQuery,
  problems,
  SubmitHeaders,
  SubmitQuery,
  ValidateQuery,
  ValidationReport,
} from './schemas.ts'

export interface InvoiceRoutesOptions {
  readonly deps: IngestDeps
  readonly bodyLimit: number
}

/** The request body: one schema per accepted media type, for the OpenAPI document. */
const invoiceBody = {
  content: {
    'application/xml': { schema: Type.String({ description: 'A FatturaPA XML file', examples: [exampleInvoiceXml] }) },
    'application/pkcs7-mime': {
      schema: Type.String({
        description: 'A CAdES-signed .xml.p7m, DER or base64',
        contentMediaType: 'application/pkcs7-mime',
      }),
    },
    'application/json': {
      // allOf keeps the example beside the reference (siblings of a bare $ref are dropped).
      schema: { allOf: [Type.Ref('FatturaElettronica')], examples: [exampleInvoiceJson] } as TSchema,
    },
  },
}

// The body is decoded and checked by the use case (which answers with SdI-coded errors), not by a schema validator;
// the schema above only documents it. Query, params and headers are checked by TypeBox.
const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) =>
  route.httpPart === 'body' ? (value: unknown) => ({ value }) : TypeBoxValidatorCompiler(route)

/** A file in a response: documented as a string, sent as the stored bytes. */
const fileSchema = (options: Record<string, unknown>) => Type.Unsafe<Buffer>(Type.String(options))

function kindOf(request: FastifyRequest): InputKind {
  const kind = inputKindOf(request.headers['content-type'])
  if (kind === undefined) throw new UnsupportedMediaType(request.headers['content-type'] ?? '(none)')
  return kind
}

function bodyOf(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
}

type SubmitQueryValue = {
  readonly transliterate?: boolean | undefined
  readonly validate?: 'sync' | 'async' | undefined
}

/** What POST /v1/invoices and a resubmission read from a request: the same media types, options and key. */
function submitRequestOf(request: FastifyRequest, query: SubmitQueryValue): SubmitRequest {
  return {
    kind: kindOf(request),
    body: bodyOf(request),
    transliterate: query.transliterate ?? false,
    validate: query.validate ?? 'async',
    idempotencyKey: idempotencyKeyOf(request.headers['idempotency-key']),
  }
}

function sendAccepted(reply: FastifyReply, result: SubmitResult): FastifyReply {
  if (result.replayed) void reply.header('idempotent-replayed', 'true')
  return reply.code(202).header('location', result.accepted.statusUrl).send(result.accepted)
}

/** The /v1/invoices routes (authenticated and rate-limited by routes/api.ts). */
export const invoiceRoutes: FastifyPluginCallbackTypebox<InvoiceRoutesOptions> = (app, options, done) => {
  const { deps } = options
  // In this plugin's scope only: invoice files are read as bytes, whatever their media type.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    Object.values(ACCEPTED_MEDIA_TYPES).flat(),
    { parseAs: 'buffer', bodyLimit: options.bodyLimit },
    (_request, body, done) => done(null, body),
  )

  app.post(
    '/v1/invoices',
    {
      validatorCompiler,
      schema: {
        tags: ['invoices'],
        summary: 'Submit an invoice file',
        description:
          'Stores the file and accepts it for validation, signing and transmission (202). With validate=sync, ' +
          "answers 422 with every SdI error instead. The transmitter (IdTrasmittente) must be one of the tenant's.",
        querystring: SubmitQuery,
        headers: SubmitHeaders,
        body: invoiceBody,
        response: { 202: Accepted, ...problems(400, 401, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) =>
      sendAccepted(reply, await submitInvoice(deps, principalOf(request), submitRequestOf(request, request.query))),
  )

  app.post(
    '/v1/invoices/:id/resubmissions',
    {
      validatorCompiler,
      schema: {
        tags: ['invoices'],
        summary: 'Resubmit a corrected file for an invoice SdI rejected',
        description:
          'Within the five days after the NS (sdiRejection.resubmitBy, Italian time) and with the same invoice ' +
          'numbers and dates, the corrected file goes through validation, signing (a new SdI file name) and ' +
          'transmission as a new invoice, linked both ways (resubmissionOf, resubmittedAs). Same media types, ' +
          'options and Idempotency-Key as POST /v1/invoices. 409: not rejected by SdI, already resubmitted, or ' +
          'the window closed; 422: numbers or dates differ.',
        params: InvoiceParams,
        querystring: SubmitQuery,
        headers: SubmitHeaders,
        body: invoiceBody,
        response: { 202: ResubmissionAccepted, ...problems(400, 401, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) =>
      sendAccepted(
        reply,
        await resubmitInvoice(deps, principalOf(request), request.params.id, submitRequestOf(request, request.query)),
      ),
  )

  app.post(
    '/v1/invoices/validate',
    {
      validatorCompiler,
      schema: {
        tags: ['invoices'],
        summary: 'Validate an invoice file without submitting it',
        description: 'The checks of POST /v1/invoices?validate=sync; nothing is stored.',
        querystring: ValidateQuery,
        body: invoiceBody,
        response: { 200: ValidationReport, ...problems(400, 401, 413, 415, 422, 429) },
      },
    },
    async (request) =>
      validateInvoice(deps, principalOf(request), {
        kind: kindOf(request),
        body: bodyOf(request),
        transliterate: request.query.transliterate ?? false,
      }),
  )

  app.get(
    '/v1/invoices',
    {
      schema: {
        tags: ['invoices'],
        summary: "List the tenant's invoices, newest first",
        querystring: ListQuery,
        response: { 200: InvoicePage, ...problems(400, 401, 429) },
      },
    },
    async (request) => listInvoices(deps, principalOf(request), { ...request.query, limit: request.query.limit ?? 50 }),
  )

  app.get(
    '/v1/invoices/:id',
    {
      schema: {
        tags: ['invoices'],
        summary: 'An invoice: status, SdI file name, deadline, errors and timeline',
        params: InvoiceParams,
        response: { 200: Invoice, ...problems(401, 404, 429) },
      },
    },
    async (request) => getInvoice(deps, principalOf(request), request.params.id),
  )

  app.get(
    '/v1/invoices/:id/files/:which',
    {
      schema: {
        tags: ['invoices'],
        summary: 'The file as received (original) or as transmitted to SdI (signed)',
        params: FileParams,
        response: {
          200: {
            description: 'The file, byte for byte',
            content: {
              'application/xml': { schema: fileSchema({ examples: [exampleInvoiceXml] }) },
              'application/pkcs7-mime': { schema: fileSchema({ contentMediaType: 'application/pkcs7-mime' }) },
            },
          },
          ...problems(400, 401, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const { id, which } = request.params
      const file = await getInvoiceFile(deps, principalOf(request), id, which)
      const extension = file.mediaType === 'application/pkcs7-mime' ? 'xml.p7m' : 'xml'
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${id}-${which}.${extension}"`)
        .send(file.bytes)
    },
  )
  done()
}
