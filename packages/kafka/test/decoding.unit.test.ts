import { describe, expect, it } from 'vitest'
import { invoiceReceived } from '@varco/contracts'
import { defineError } from '@varco/errors'
import { backoffDelay, deadLetterOf, eventDecoder, type IncomingMessage } from '../src/index.ts'

const event = invoiceReceived.create({
  source: 'test',
  tenantId: 't',
  invoiceId: 'inv-1',
  correlationId: 'c',
  data: { document: { sha256: 'e'.repeat(64), size: 1, mediaType: 'application/xml' }, receivedVia: 'api' },
})

function incoming(value: string | null, headers: Record<string, string> = {}): IncomingMessage {
  return {
    topic: 'varco.invoice.received.v1',
    partition: 2,
    offset: '41',
    key: 'inv-1',
    value: value === null ? null : Buffer.from(value),
    headers,
  }
}

describe('eventDecoder', () => {
  const decode = eventDecoder([invoiceReceived])

  it('decodes and validates a known event', () => {
    expect(decode(incoming(JSON.stringify(event)))).toEqual({ kind: 'event', event })
  })

  it('skips types and versions it does not handle', () => {
    expect(decode(incoming(JSON.stringify({ ...event, type: 'invoice.archived' })))).toEqual({
      kind: 'skipped',
      type: 'invoice.archived',
      version: 1,
    })
    expect(decode(incoming(JSON.stringify({ ...event, version: 2 })))).toMatchObject({ kind: 'skipped', version: 2 })
  })

  it.each([
    ['an empty message', null, 'EVT_ERR_MALFORMED'],
    ['text that is not JSON', '<xml/>', 'EVT_ERR_MALFORMED'],
    ['JSON that is not an object', '[1,2]', 'EVT_ERR_MALFORMED'],
    ['an event that breaks its schema', JSON.stringify({ ...event, tenantId: '' }), 'EVT_ERR_INVALID'],
  ])('rejects %s with a non-retriable coded error', (_name, value, code) => {
    expect(() => decode(incoming(value))).toThrow(expect.objectContaining({ code, retriable: false }))
  })
})

describe('deadLetterOf', () => {
  it('keeps the bytes and headers and adds where and why it failed', () => {
    const Rule = defineError<[string]>('VAL_ERR_RULE', 'rule %s')
    const message = incoming('{"x":1}', { 'event-id': 'e1', traceparent: '00-abc-def-01' })
    const letter = deadLetterOf(message, 'validation', new Rule('00404'), new Date('2026-11-23T10:00:00Z'))
    expect(letter).toEqual({
      topic: 'varco.invoice.received.v1.dlq',
      key: 'inv-1',
      value: Buffer.from('{"x":1}'),
      headers: {
        'event-id': 'e1',
        traceparent: '00-abc-def-01',
        'dlq-error-code': 'VAL_ERR_RULE',
        'dlq-error-message': 'rule 00404',
        'dlq-original-topic': 'varco.invoice.received.v1',
        'dlq-original-partition': '2',
        'dlq-original-offset': '41',
        'dlq-consumer-group': 'validation',
        'dlq-failed-at': '2026-11-23T10:00:00.000Z',
      },
    })
  })
})

describe('backoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 5_000 }

  it('grows exponentially within jitter bounds and is capped', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50)
    expect(backoffDelay(1, policy, () => 1)).toBe(100)
    expect(backoffDelay(4, policy, () => 0)).toBe(400)
    expect(backoffDelay(4, policy, () => 1)).toBe(800)
    expect(backoffDelay(30, policy, () => 1)).toBe(5_000)
    expect(backoffDelay(30, policy, () => 0)).toBe(2_500)
  })
})
