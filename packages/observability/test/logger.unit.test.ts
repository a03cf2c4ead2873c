import { Writable } from 'node:stream'
import { context, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { TracerProvider } from '@opentelemetry/sdk-trace'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, extractTraceContext, headersToStrings } from '../src/index.ts'

function capture() {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
      done()
    },
  })
  return { lines, logger: createLogger({ name: 'svc', level: 'info' }, stream) }
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  trace.setGlobalTracerProvider(new TracerProvider())
})

afterAll(() => {
  trace.disable()
  context.disable()
})

describe('createLogger', () => {
  it('redacts credentials, key material and personal data', () => {
    const { lines, logger } = capture()
    logger.info(
      {
        req: { headers: { authorization: 'Bearer sk_live_1', cookie: 'sid=1', 'x-api-key': 'k' } },
        config: { password: 'p', masterKey: 'm' },
        buyer: { codiceFiscale: 'RSSMRA80A01H501U', email: 'mario@example.it' },
        invoiceId: 'inv-1',
      },
      'invoice accepted',
    )
    const text = JSON.stringify(lines[0])
    for (const secret of ['sk_live_1', 'sid=1', '"k"', '"p"', '"m"', 'RSSMRA80A01H501U', 'mario@example.it']) {
      expect(text).not.toContain(secret)
    }
    expect(lines[0]).toMatchObject({ service: 'svc', invoiceId: 'inv-1', msg: 'invoice accepted' })
  })

  it('adds the active span ids to lines written inside a span, and none outside', () => {
    const { lines, logger } = capture()
    const span = trace.getTracer('t').startSpan('work')
    context.with(trace.setSpan(context.active(), span), () => logger.info('inside'))
    logger.info('outside')
    span.end()
    expect(lines[0]).toMatchObject({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId })
    expect(lines[1]).not.toHaveProperty('trace_id')
  })
})

describe('headers', () => {
  it('decode Kafka header buffers and lists to strings', () => {
    expect(headersToStrings({ a: Buffer.from('1'), b: ['2', '3'], c: undefined, d: 'x' })).toEqual({
      a: '1',
      b: '2',
      d: 'x',
    })
  })

  it('yield the active context when they carry no trace', () => {
    expect(trace.getSpanContext(extractTraceContext({}))).toBeUndefined()
  })
})
