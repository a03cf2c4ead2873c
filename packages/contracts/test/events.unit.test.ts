import { describe, expect, it } from 'vitest'
import { deadLetterTopicFor, invoiceReceived, invoiceRejected, invoiceValidated, topicFor } from '../src/index.ts'

const input = {
  source: 'ingest',
  tenantId: 'tenant-1',
  invoiceId: 'inv-1',
  correlationId: 'corr-1',
  data: { document: { sha256: 'f'.repeat(64), size: 9263, mediaType: 'application/xml' }, receivedVia: 'api' as const },
}

describe('event definitions', () => {
  it('create well-formed envelopes with an id and a timestamp', () => {
    const event = invoiceReceived.create(input)
    expect(event).toMatchObject({ type: 'invoice.received', version: 1, ...input })
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt)
    expect(invoiceReceived.check(event)).toEqual([])
  })

  it('report schema violations with JSON pointers', () => {
    const event = invoiceReceived.create(input)
    const issues = invoiceReceived.check({ ...event, id: 'not-a-uuid', data: { ...event.data, receivedVia: 'fax' } })
    expect(issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['/id', '/data/receivedVia']))
  })

  it('reject extra fields, and another type or version under the same schema', () => {
    const event = invoiceReceived.create(input)
    expect(invoiceReceived.check({ ...event, payload: '<xml/>' })).not.toEqual([])
    expect(invoiceReceived.check({ ...event, version: 2 })).not.toEqual([])
    expect(invoiceReceived.check({ ...event, type: 'invoice.validated' })).not.toEqual([])
  })

  it('never carry document bytes, only a reference', () => {
    const event = invoiceReceived.create(input)
    expect(
      invoiceReceived.check({ ...event, data: { ...event.data, document: { ...event.data.document, bytes: 'PD94' } } }),
    ).not.toEqual([])
  })
})

describe('topics', () => {
  it('have one topic per type and version, in a namespace, with a dead-letter sibling', () => {
    expect(invoiceReceived.topic).toBe('varco.invoice.received.v1')
    expect(topicFor('invoice.received', 2, 'staging')).toBe('staging.invoice.received.v2')
    expect(deadLetterTopicFor(invoiceReceived.topic)).toBe('varco.invoice.received.v1.dlq')
  })
})

describe('validation outcomes', () => {
  const header = { source: 'validation', tenantId: 't', invoiceId: 'inv-1', correlationId: 'c' }
  const ref = { sha256: 'a'.repeat(64), size: 10, mediaType: 'application/xml' }
  const party = { country: 'IT', vatNumber: '12345678903', name: 'Alfa SRL' }

  it('accept a validated invoice with its routing facts and document summaries', () => {
    const event = invoiceValidated.create({
      ...header,
      data: {
        document: ref,
        content: ref,
        formato: 'FPR12',
        transmitter: { country: 'IT', id: '12345678903' },
        seller: party,
        buyer: { ...party, name: 'Beta SPA' },
        codiceDestinatario: 'ABC1234',
        documents: [{ tipoDocumento: 'TD01', numero: '1/2026', data: '2026-11-20', importoTotale: '122.00' }],
      },
    })
    expect(invoiceValidated.check(event)).toEqual([])
    const badDate = {
      ...event,
      data: { ...event.data, documents: [{ tipoDocumento: 'TD01', numero: '1', data: '20/11/2026' }] },
    }
    expect(invoiceValidated.check(badDate).map((issue) => issue.path)).toContain('/data/documents/0/data')
  })

  it('accept a rejection with SdI-coded bilingual errors, and require at least one', () => {
    const error = {
      code: '00400',
      path: 'FatturaElettronicaBody[0]',
      message: { it: 'Natura mancante', en: 'Natura missing' },
    }
    const event = invoiceRejected.create({ ...header, data: { document: ref, stage: 'validation', errors: [error] } })
    expect(invoiceRejected.check(event)).toEqual([])
    expect(invoiceRejected.check({ ...event, data: { ...event.data, errors: [] } })).not.toEqual([])
    expect(
      invoiceRejected.check({ ...event, data: { ...event.data, errors: [{ ...error, code: 'E400' }] } }),
    ).not.toEqual([])
  })
})
