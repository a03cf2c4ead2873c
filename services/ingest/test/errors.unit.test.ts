import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '@varco/config'
import { IngestConfig } from '../src/config.ts'
import { ingestErrorCodes, InvoiceNotFound, invoiceInvalid } from '../src/errors.ts'
import { codedErrorOf, problemOf } from '../src/plugins/problems.ts'

const request = {
  url: '/v1/invoices/x?y=1',
  id: 'req-1',
  headers: { 'content-type': 'text/plain' },
} as unknown as FastifyRequest

describe('error codes', () => {
  it('are all listed in the README', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8')
    for (const code of ingestErrorCodes()) expect(readme, code).toContain(`\`${code}\``)
    expect(ingestErrorCodes().every((code) => code.startsWith('INGEST_ERR_'))).toBe(true)
  })
})

describe('problem documents', () => {
  it('carry the code, a constant title, the path and the SdI errors of an invalid file', () => {
    const error = invoiceInvalid([{ code: '00200', path: 'X', message: { it: 'x', en: 'x' } }])
    expect(problemOf(error, request, error)).toEqual({
      type: 'urn:varco:error:INGEST_ERR_INVOICE_INVALID',
      title: 'Invoice would be rejected by SdI',
      status: 422,
      detail: 'The file has 1 error(s) SdI would reject it for; see errors',
      instance: '/v1/invoices/x',
      code: 'INGEST_ERR_INVOICE_INVALID',
      requestId: 'req-1',
      errors: [{ code: '00200', path: 'X', message: { it: 'x', en: 'x' } }],
    })
  })

  it("map Fastify's own errors to this service's codes", () => {
    const fastify = (code: string, statusCode: number) => Object.assign(new Error(code), { code, statusCode })
    expect(codedErrorOf(fastify('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), request, 10).error.code).toBe(
      'INGEST_ERR_UNSUPPORTED_MEDIA_TYPE',
    )
    expect(codedErrorOf(fastify('FST_ERR_CTP_BODY_TOO_LARGE', 413), request, 10).error).toMatchObject({
      code: 'INGEST_ERR_TOO_LARGE',
      statusCode: 413,
    })
    expect(codedErrorOf(fastify('FST_ERR_VALIDATION', 400), request, 10).error.code).toBe('INGEST_ERR_BAD_REQUEST')
    expect(codedErrorOf(new InvoiceNotFound(), request, 10)).toMatchObject({ internal: false })
  })

  it('never describe an internal error, and tell a retriable one (database away) apart', () => {
    const bug = codedErrorOf(new TypeError('x is undefined'), request, 10)
    expect(bug).toMatchObject({ internal: true, error: { code: 'INGEST_ERR_INTERNAL', statusCode: 500 } })
    expect(bug.error.message).not.toContain('undefined')
    const down = codedErrorOf(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), request, 10)
    expect(down).toMatchObject({ internal: true, error: { code: 'INGEST_ERR_UNAVAILABLE', statusCode: 503 } })
    const pgDown = codedErrorOf(Object.assign(new Error('terminating'), { code: '57P01' }), request, 10)
    expect(pgDown.error.code).toBe('INGEST_ERR_UNAVAILABLE')
  })
})

describe('configuration', () => {
  const required = {
    DATABASE_URL: 'postgres://localhost/varco',
    KAFKA_BROKERS: '127.0.0.1:9092',
    DOCUMENT_KEYS: 'k1:x',
    DOCUMENT_ACTIVE_KEY: 'k1',
  }

  it('has defaults for everything but the connections and keys', () => {
    expect(loadConfig(IngestConfig, required)).toMatchObject({
      HTTP_PORT: 8080,
      HTTP_BODY_LIMIT: 5 * 1024 * 1024,
      RATE_LIMIT_MAX: 600,
      AUTH_CACHE_TTL_MS: 5000,
      INGEST_GROUP_ID: 'ingest',
    })
  })

  it('names every bad variable', () => {
    expect(() => loadConfig(IngestConfig, { ...required, HTTP_PORT: 'x', RATE_LIMIT_MAX: '0' })).toThrow(
      expect.objectContaining({
        issues: expect.arrayContaining([
          expect.objectContaining({ variable: 'HTTP_PORT' }),
          expect.objectContaining({ variable: 'RATE_LIMIT_MAX' }),
        ]) as unknown,
      }),
    )
  })
})
