import { describe, expect, it } from 'vitest'
import {
  deadLetterTopicFor,
  invoiceEvents,
  invoiceReceived,
  invoiceRejected,
  invoiceSigned,
  invoiceSigningFailed,
  invoiceValidated,
  topicFor,
} from '../src/index.ts'

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

describe('signing outcomes', () => {
  const header = { source: 'signing', tenantId: 't', invoiceId: 'inv-1', correlationId: 'c' }
  const original = { sha256: 'a'.repeat(64), size: 10, mediaType: 'application/xml' }
  const p7m = { sha256: 'b'.repeat(64), size: 2048, mediaType: 'application/pkcs7-mime' }
  const transmitter = { country: 'IT', id: '12345678903' }
  const signer = {
    subject: 'CN=Mario Rossi,O=Alfa SRL,C=IT',
    issuer: 'CN=Test CA,C=IT',
    serial: '1a2b3c',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
  }
  const signed = invoiceSigned.create({
    ...header,
    data: {
      document: original,
      signed: p7m,
      fileName: 'IT12345678903_00001.xml.p7m',
      format: 'cades',
      signedBy: 'gateway',
      signer,
      signingTime: '2026-11-24T10:00:00.000Z',
      transmitter,
    },
  })

  it('accept a file the gateway signed, with its SdI name, signer and signing time', () => {
    expect(invoiceSigned.check(signed)).toEqual([])
    expect(invoiceSigned.topic).toBe('varco.invoice.signed.v1')
  })

  it('accept an unsigned file and a vendor-signed one passed through, without signer', () => {
    const unsigned = {
      document: original,
      signed: original,
      fileName: 'IT12345678903_0000A.xml',
      format: 'none',
      transmitter,
    }
    expect(invoiceSigned.check({ ...signed, data: unsigned })).toEqual([])
    const vendor = { ...unsigned, format: 'xades', signedBy: 'vendor' }
    expect(invoiceSigned.check({ ...signed, data: vendor })).toEqual([])
  })

  it.each([
    ['an extension SdI does not accept', 'IT12345678903_00001.zip'],
    ['a progressive longer than 5 characters', 'IT12345678903_000001.xml'],
    ['no transmitter country', '12345678903_00001.xml'],
    ['a path', '../IT12345678903_00001.xml'],
  ])('refuse a file name with %s', (_, fileName) => {
    const issues = invoiceSigned.check({ ...signed, data: { ...signed.data, fileName } })
    expect(issues.map((issue) => issue.path)).toContain('/data/fileName')
  })

  it('refuse an unknown format, signer fields beyond the summary, and bytes instead of a reference', () => {
    expect(invoiceSigned.check({ ...signed, data: { ...signed.data, format: 'pades' } })).not.toEqual([])
    const leaky = { ...signed.data, signer: { ...signer, privateKey: 'MIIE' } }
    expect(invoiceSigned.check({ ...signed, data: leaky })).not.toEqual([])
    expect(invoiceSigned.check({ ...signed, data: { ...signed.data, signed: { ...p7m, bytes: 'MIA' } } })).not.toEqual(
      [],
    )
  })

  it('accept a failure with its cause, message and whether it is retriable', () => {
    const failed = invoiceSigningFailed.create({
      ...header,
      data: {
        document: original,
        cause: 'certificate_expired',
        message: 'certificate expired',
        retriable: false,
      },
    })
    expect(invoiceSigningFailed.check(failed)).toEqual([])
    expect(invoiceSigningFailed.topic).toBe('varco.invoice.signing_failed.v1')
    const unknownCause = { ...failed, data: { ...failed.data, cause: 'bad_luck' } }
    expect(invoiceSigningFailed.check(unknownCause).map((issue) => issue.path)).toContain('/data/cause')
    const { retriable: _, ...withoutRetriable } = failed.data
    expect(invoiceSigningFailed.check({ ...failed, data: withoutRetriable })).not.toEqual([])
    expect(invoiceSigningFailed.check({ ...failed, data: { ...failed.data, message: '' } })).not.toEqual([])
  })

  it('are listed with every invoice event, for topic creation', () => {
    expect(invoiceEvents.map((event) => event.type)).toEqual(
      expect.arrayContaining(['invoice.signed', 'invoice.signing_failed']),
    )
  })
})
