import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { invoiceEvents, invoiceTransmissionFailed, invoiceTransmitted } from '../src/index.ts'

const header = {
  source: 'transmission',
  tenantId: 'tenant-1',
  invoiceId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
}
const document = { sha256: 'a'.repeat(64), size: 1234, mediaType: 'application/pkcs7-mime' }
const fileName = 'IT01234567890_0000A.xml.p7m'

describe('transmission events', () => {
  it('carry SdI’s id and reception time of a transmitted file', () => {
    const event = invoiceTransmitted.create({
      ...header,
      data: {
        document,
        fileName,
        identificativoSdI: '4711',
        dataOraRicezione: '2026-12-01T10:00:00.000Z',
        attempts: 3,
      },
    })
    expect(invoiceTransmitted.check(event)).toEqual([])
    expect(invoiceTransmitted.topic).toBe('varco.invoice.transmitted.v1')
    expect(invoiceTransmitted.check({ ...event, data: { ...event.data, attempts: 0 } })).not.toEqual([])
    expect(invoiceTransmitted.check({ ...event, data: { ...event.data, fileName: 'a b.xml' } })).not.toEqual([])
  })

  it('name the cause of a failed transmission, from a closed list', () => {
    const event = invoiceTransmissionFailed.create({
      ...header,
      data: { document, fileName, cause: 'EI03', message: 'channel not enabled', attempts: 1 },
    })
    expect(invoiceTransmissionFailed.check(event)).toEqual([])
    const unknown = { ...event, data: { ...event.data, cause: 'EI02' } }
    expect(invoiceTransmissionFailed.check(unknown).map((issue) => issue.path)).toContain('/data/cause')
  })

  it('are listed with every invoice event, for topic creation', () => {
    expect(invoiceEvents.map((event) => event.type)).toEqual(
      expect.arrayContaining(['invoice.transmitted', 'invoice.transmission_failed']),
    )
  })
})
