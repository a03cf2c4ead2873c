import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  invoiceRejected,
  invoiceSigned,
  invoiceSigningFailed,
  invoiceTransmissionFailed,
  invoiceTransmitted,
  invoiceValidated,
} from '@varco/contracts'
import { changeOf, nextStatus, reachedSdi, RECEIVED_RANK, type ProjectedEvent } from '../src/domain/status.ts'

const header = { source: 'test', tenantId: 't', invoiceId: randomUUID(), correlationId: 'c' }
const document = { sha256: 'a'.repeat(64), size: 10, mediaType: 'application/xml' }
const signedRef = { sha256: 'b'.repeat(64), size: 20, mediaType: 'application/pkcs7-mime' }
const error = { code: '00200', path: 'X', message: { it: 'x', en: 'x' } }

const events = {
  validated: invoiceValidated.create({
    ...header,
    data: {
      document,
      content: document,
      formato: 'FPR12',
      transmitter: { country: 'IT', id: '12345678903' },
      seller: { country: 'IT', name: 's' },
      buyer: { country: 'IT', name: 'b' },
      codiceDestinatario: 'ABC1234',
      documents: [{ tipoDocumento: 'TD01', numero: '1', data: '2026-01-01' }],
    },
  }),
  rejected: invoiceRejected.create({ ...header, data: { document, stage: 'validation', errors: [error] } }),
  rejectedBySdi: invoiceRejected.create({ ...header, data: { document, stage: 'sdi', errors: [error] } }),
  signed: invoiceSigned.create({
    ...header,
    data: {
      document,
      signed: signedRef,
      fileName: 'IT12345678903_00001.xml.p7m',
      format: 'cades',
      transmitter: { country: 'IT', id: '12345678903' },
    },
  }),
  signingFailed: invoiceSigningFailed.create({
    ...header,
    data: { document, cause: 'no_identity', message: 'no identity', retriable: false },
  }),
  transmitted: invoiceTransmitted.create({
    ...header,
    data: {
      document: signedRef,
      fileName: 'IT12345678903_00001.xml.p7m',
      identificativoSdI: '12345',
      dataOraRicezione: '2026-01-01T10:00:00.000Z',
      attempts: 1,
    },
  }),
  transmissionFailed: invoiceTransmissionFailed.create({
    ...header,
    data: {
      document: signedRef,
      fileName: 'IT12345678903_00001.xml.p7m',
      cause: 'EI01',
      message: 'empty',
      attempts: 1,
    },
  }),
} satisfies Record<string, ProjectedEvent>

function replay(sequence: readonly ProjectedEvent[]) {
  return sequence.reduce((state, event) => nextStatus(state, changeOf(event)), {
    status: 'received' as const,
    rank: RECEIVED_RANK,
  } as ReturnType<typeof nextStatus>)
}

describe('the invoice status, kept from events', () => {
  it('follows the stages in order', () => {
    expect(replay([events.validated]).status).toBe('validated')
    expect(replay([events.validated, events.signed]).status).toBe('signed')
    expect(replay([events.validated, events.signed, events.transmitted]).status).toBe('transmitted')
    expect(replay([events.validated, events.signed, events.transmitted, events.rejectedBySdi]).status).toBe('rejected')
    expect(replay([events.rejected]).status).toBe('rejected')
    expect(replay([events.validated, events.signingFailed]).status).toBe('signing_failed')
    expect(replay([events.validated, events.signed, events.transmissionFailed]).status).toBe('transmission_failed')
  })

  it('never moves back when events of different topics arrive out of order', () => {
    expect(replay([events.signed, events.validated]).status).toBe('signed')
    expect(replay([events.transmitted, events.signed, events.validated]).status).toBe('transmitted')
    expect(replay([events.rejectedBySdi, events.transmitted]).status).toBe('rejected')
  })

  it('carries the facts each event brings', () => {
    expect(changeOf(events.signed)).toMatchObject({
      sdiFileName: 'IT12345678903_00001.xml.p7m',
      signed: { sha256: signedRef.sha256, mediaType: 'application/pkcs7-mime' },
    })
    expect(changeOf(events.rejected).errors).toEqual([error])
    expect(changeOf(events.signingFailed).failure).toEqual({
      stage: 'signing',
      cause: 'no_identity',
      message: 'no identity',
    })
    expect(changeOf(events.transmitted)).toMatchObject({ sdiId: '12345' })
    expect(changeOf(events.transmissionFailed).failure).toMatchObject({ stage: 'transmission', cause: 'EI01' })
  })

  it('knows when the file reached SdI (its deadline is then met)', () => {
    const at = (sequence: readonly ProjectedEvent[]) => {
      const state = replay(sequence)
      return reachedSdi(state.status, state.rank)
    }
    expect(at([events.validated, events.signed])).toBe(false)
    expect(at([events.rejected])).toBe(false)
    expect(at([events.transmissionFailed])).toBe(false)
    expect(at([events.transmitted])).toBe(true)
    expect(at([events.transmitted, events.rejectedBySdi])).toBe(true)
  })
})
