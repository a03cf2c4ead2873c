import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  invoiceEvents,
  invoiceIncoming,
  invoiceNotification,
  invoiceOutcomeRequested,
  invoiceOutcomeSent,
} from '../src/index.ts'

const header = { source: 'receipts', tenantId: 'tenant-1', invoiceId: randomUUID(), correlationId: randomUUID() }
const document = { sha256: 'b'.repeat(64), size: 2048, mediaType: 'application/xml' }

describe('notification events', () => {
  const ns = invoiceNotification.create({
    ...header,
    data: {
      kind: 'NS',
      identificativoSdI: '111',
      invoiceFileName: 'IT01234567890_11111.xml.p7m',
      messageFileName: 'IT01234567890_11111_NS_001.xml',
      messageId: '123456',
      receivedAt: '2026-12-01T10:00:00.000Z',
      message: document,
      errors: [{ code: '00200', description: 'File non conforme al formato' }],
      resubmitBy: '2026-12-06',
      lifecycle: { decision: 'transition', from: 'submitted', state: 'rejected', sequence: 1 },
    },
  })

  it('carry every error of an NS and the lifecycle’s decision', () => {
    expect(invoiceNotification.check(ns)).toEqual([])
    expect(invoiceNotification.topic).toBe('varco.invoice.notification.v1')
  })

  it('refuse a state the lifecycle does not have, and a sequence below 1', () => {
    const badState = { ...ns, data: { ...ns.data, lifecycle: { ...ns.data.lifecycle, state: 'lost' } } }
    expect(invoiceNotification.check(badState).map((i) => i.path)).toContain('/data/lifecycle/state')
    const badSequence = { ...ns, data: { ...ns.data, lifecycle: { ...ns.data.lifecycle, sequence: 0 } } }
    expect(invoiceNotification.check(badSequence)).not.toEqual([])
    const badCode = { ...ns, data: { ...ns.data, errors: [{ code: 'E1', description: 'x' }] } }
    expect(invoiceNotification.check(badCode)).not.toEqual([])
  })
})

describe('passive cycle events', () => {
  it('describe an incoming invoice with its metadata and signer', () => {
    const event = invoiceIncoming.create({
      ...header,
      data: {
        identificativoSdI: '222',
        fileName: 'IT01234567890_FPA01.xml.p7m',
        formato: 'FPA12',
        file: { ...document, mediaType: 'application/pkcs7-mime' },
        content: document,
        metadata: document,
        metadataFileName: 'IT01234567890_FPA01_MT_001.xml',
        signature: { format: 'cades' },
        codiceDestinatario: 'UFY9MH',
        seller: { country: 'IT', vatNumber: '01234567890', name: 'Venditore' },
        buyer: { country: 'IT', codiceFiscale: '80012345678', name: 'Ufficio' },
        documents: [{ tipoDocumento: 'TD01', numero: '1', data: '2026-11-30' }],
        receivedAt: '2026-12-01T10:00:00.000Z',
        outcomeBy: '2026-12-16',
      },
    })
    expect(invoiceIncoming.check(event)).toEqual([])
    expect(invoiceIncoming.check({ ...event, data: { ...event.data, formato: 'FPR11' } })).not.toEqual([])
  })

  it('carry an outcome request and SdI’s answer with its SE', () => {
    const requested = invoiceOutcomeRequested.create({
      ...header,
      data: { identificativoSdI: '222', invoiceFileName: 'IT01234567890_FPA01.xml.p7m', esito: 'EC02' },
    })
    expect(invoiceOutcomeRequested.check(requested)).toEqual([])
    const sent = invoiceOutcomeSent.create({
      ...header,
      data: {
        identificativoSdI: '222',
        esito: 'EC01',
        ecFileName: 'IT01234567890_FPA01_EC_001.xml',
        ec: document,
        result: 'ES00',
        scarto: { code: 'EN01', messageFileName: 'IT01234567890_FPA01_SE_001.xml', message: document },
        attempts: 1,
      },
    })
    expect(invoiceOutcomeSent.check(sent)).toEqual([])
    const unknownCode = { ...sent, data: { ...sent.data, scarto: { ...sent.data.scarto, code: 'EN02' } } }
    expect(invoiceOutcomeSent.check(unknownCode)).not.toEqual([])
  })

  it('are listed with every invoice event, for topic creation', () => {
    expect(invoiceEvents.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'invoice.notification',
        'invoice.incoming',
        'invoice.incoming_terms_expired',
        'invoice.outcome_requested',
        'invoice.outcome_sent',
      ]),
    )
  })
})
