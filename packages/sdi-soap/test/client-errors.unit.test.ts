import { describe, expect, it } from 'vitest'
import { classifyError, errorCode } from '@varco/errors'
import type { CallState } from '../src/client/call-state.ts'
import { networkError } from '../src/client/network-error.ts'
import { callError, httpStatusError } from '../src/client/outcome.ts'
import { createSdIRiceviFileClient, mutualTlsServerOptions, SdiSoapResponseInvalid } from '../src/index.ts'
import { matching } from './helpers/match.ts'

function state(overrides: Partial<CallState> = {}): CallState {
  return {
    operation: 'RiceviFile',
    endpoint: 'https://sdi.test/SdIRiceviFile',
    attachments: [],
    signal: new AbortController().signal,
    timeout: new AbortController().signal,
    timeoutMs: 1000,
    status: 200,
    responseAttachments: new Map(),
    ...overrides,
  }
}

const aborted = (): AbortSignal => AbortSignal.abort()
const systemError = (code: string): Error => Object.assign(new Error(code), { code })
const outcome = (err: Error) => ({ code: errorCode(err), class: classifyError(err) })

describe('client errors', () => {
  it.each([
    ['a reset connection', systemError('ECONNRESET'), state(), 'SDI_SOAP_ERR_NETWORK', 'retriable'],
    ['a refused connection', systemError('ECONNREFUSED'), state(), 'SDI_SOAP_ERR_NETWORK', 'retriable'],
    [
      'the call timeout',
      new Error('aborted'),
      state({ signal: aborted(), timeout: aborted() }),
      'SDI_SOAP_ERR_TIMEOUT',
      'retriable',
    ],
    ["the caller's abort", new Error('aborted'), state({ signal: aborted() }), 'SDI_SOAP_ERR_ABORTED', 'retriable'],
    ['an unknown server CA', systemError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), state(), 'SDI_SOAP_ERR_TLS', 'fatal'],
    ['a wrong server name', systemError('ERR_TLS_CERT_ALTNAME_INVALID'), state(), 'SDI_SOAP_ERR_TLS', 'fatal'],
    ['our certificate refused', systemError('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'), state(), 'SDI_SOAP_ERR_TLS', 'fatal'],
  ])('classify %s before a response', (_, err, call, code, kind) => {
    expect(outcome(networkError(err, call))).toEqual({ code, class: kind })
  })

  it.each([
    [500, 'SDI_SOAP_ERR_HTTP_5XX', 'retriable'],
    [503, 'SDI_SOAP_ERR_HTTP_5XX', 'retriable'],
    [404, 'SDI_SOAP_ERR_HTTP_4XX', 'fatal'],
    [413, 'SDI_SOAP_ERR_HTTP_4XX', 'fatal'],
    [302, 'SDI_SOAP_ERR_RESPONSE', 'fatal'],
  ])('classify HTTP %s without a fault', (status, code, kind) => {
    expect(outcome(httpStatusError(state({ status }))!)).toEqual({ code, class: kind })
    expect(outcome(callError(new Error('Cannot parse response'), state({ status })))).toEqual({ code, class: kind })
  })

  it('accepts 2xx', () => {
    expect(httpStatusError(state({ status: 202 }))).toBeUndefined()
  })

  it('classify a SOAP fault as not retriable, whatever the status', () => {
    const fault = Object.assign(new Error('soap:Client: bad'), {
      root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client', faultstring: 'NomeFile is missing' } } } },
    })
    const err = callError(fault, state({ status: 500 }))
    expect(outcome(err)).toEqual({ code: 'SDI_SOAP_ERR_FAULT', class: 'fatal' })
    expect(err.message).toBe(
      'SOAP call RiceviFile to https://sdi.test/SdIRiceviFile returned fault soap:Client: NomeFile is missing',
    )
  })

  it('keep their own coded errors and call a garbled 200 invalid', () => {
    const own = new SdiSoapResponseInvalid('RiceviFile', 'x', 'too large')
    expect(callError(own, state())).toBe(own)
    expect(outcome(callError(new Error('Unexpected close tag'), state()))).toEqual({
      code: 'SDI_SOAP_ERR_RESPONSE',
      class: 'fatal',
    })
  })
})

describe('client options', () => {
  it('refuse plain HTTP, bad URLs and missing TLS material', async () => {
    const tls = { cert: 'c', key: 'k', ca: 'a' }
    await expect(createSdIRiceviFileClient({ endpoint: 'http://sdi.test/x', tls })).rejects.toMatchObject({
      code: 'SDI_SOAP_ERR_CONFIG',
      message: matching('must be https'),
    })
    await expect(createSdIRiceviFileClient({ endpoint: 'not a url', tls })).rejects.toMatchObject({
      code: 'SDI_SOAP_ERR_CONFIG',
    })
    await expect(createSdIRiceviFileClient({ endpoint: 'https://sdi.test/x' })).rejects.toMatchObject({
      code: 'SDI_SOAP_ERR_CONFIG',
    })
    expect(() => mutualTlsServerOptions({ ...tls, ca: [] })).toThrow(/CA certificate/)
    expect(mutualTlsServerOptions(tls)).toMatchObject({ requestCert: true, rejectUnauthorized: true, ca: 'a' })
  })
})
