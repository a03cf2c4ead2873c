import { describe, expect, it } from 'vitest'
import type { DocumentRef } from '@varco/contracts'
import { invoiceIncoming } from '@varco/contracts'
import { parseFattura, type FatturaElettronica } from '@varco/fatturapa'
import { validNumbers, validSampleInvoice } from '@varco/testing'
import { incomingData, type DeliveredInvoice } from '../src/domain/incoming.ts'

const ref = (c: string): DocumentRef => ({ sha256: c.repeat(64), size: 10, mediaType: 'application/xml' })

function fattura(name: string): FatturaElettronica {
  const parsed = parseFattura(validSampleInvoice(name))
  if (!parsed.ok) throw new Error('sample does not parse')
  return parsed.fattura
}

const delivered = (name: string, overrides: Partial<DeliveredInvoice> = {}): DeliveredInvoice => ({
  identificativoSdI: '4242',
  fileName: 'IT01234567890_00001.xml',
  metadataFileName: 'IT01234567890_00001_MT_001.xml',
  file: ref('a'),
  content: ref('a'),
  metadata: ref('b'),
  metadataCodice: 'ABC1234',
  signature: { format: 'none' },
  fattura: fattura(name),
  receivedAt: new Date('2026-03-10T23:30:00Z'),
  ...overrides,
})

const envelope = (data: unknown) =>
  invoiceIncoming.check({
    ...invoiceIncoming.create({ source: 's', tenantId: 't', invoiceId: 'i', correlationId: 'c', data: data as never }),
  })

describe('incomingData', () => {
  it('an FPR12 invoice: parties, documents, no outcome window; a valid invoice.incoming', () => {
    const { data, recipient } = incomingData(delivered('IT01234567890_FPR01.xml'))
    expect(data).toMatchObject({
      identificativoSdI: '4242',
      formato: 'FPR12',
      codiceDestinatario: 'ABC1234',
      seller: { country: 'IT', vatNumber: validNumbers.seller, name: "SOCIETA' ALPHA SRL" },
      buyer: { name: 'DITTA BETA' },
      documents: [{ tipoDocumento: 'TD01', numero: '123', data: '2014-12-18' }],
      signature: { format: 'none' },
      receivedAt: '2026-03-10T23:30:00.000Z',
    })
    expect(data.outcomeBy).toBeUndefined()
    expect(recipient).toEqual({ codes: ['ABC1234'], buyer: data.buyer })
    expect(envelope(data)).toEqual([])
  })

  it('an FPA12 invoice: 15 days for the outcome, from the Italian day of delivery', () => {
    const { data, recipient } = incomingData(delivered('IT01234567890_FPA01.xml'))
    expect(data.formato).toBe('FPA12')
    // 23:30 UTC on the 10th is already the 11th in Rome.
    expect(data.outcomeBy).toBe('2026-03-26')
    expect(recipient.codes).toEqual(['AAAAAA', 'ABC1234'])
    expect(envelope(data)).toEqual([])
  })

  it("a signed file: the signer's certificate, in the event's form", () => {
    const signer = {
      subject: 'CN=Mario Rossi',
      issuer: 'CN=CA',
      serial: '0a1b',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
    }
    const { data } = incomingData(delivered('IT01234567890_FPR01.xml', { signature: { format: 'cades', signer } }))
    expect(data.signature).toEqual({
      format: 'cades',
      signer: { ...signer, notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z' },
    })
    expect(envelope(data)).toEqual([])
  })
})
