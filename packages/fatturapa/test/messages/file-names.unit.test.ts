import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  FileNameProblemCode as Problem,
  SDI_MESSAGE_KINDS,
  invoiceFileName,
  messageFileName,
  parseInvoiceFileName,
  parseMessageFileName,
} from '../../src/index.ts'
import { MESSAGE_SAMPLES } from './helpers.ts'

const CF_PERSON = 'RSSMRA85T10A562S'

describe('parseInvoiceFileName', () => {
  it.each([
    ['IT01234567890_FPA01.xml', 'IT', '01234567890', 'FPA01', 'xml'],
    ['IT01234567890_11111.xml.p7m', 'IT', '01234567890', '11111', 'xml.p7m'],
    ['IT01234567890_1.zip', 'IT', '01234567890', '1', 'zip'],
    [`IT${CF_PERSON}_00001.xml`, 'IT', CF_PERSON, '00001', 'xml'],
    ['DE123456789_abc12.xml', 'DE', '123456789', 'abc12', 'xml'],
    ['FRAB_Z.xml.p7m', 'FR', 'AB', 'Z', 'xml.p7m'],
    [`GB${'a1'.repeat(14)}_99999.zip`, 'GB', 'a1'.repeat(14), '99999', 'zip'],
  ])('reads %s', (name, country, transmitterId, progressive, extension) => {
    expect(parseInvoiceFileName(name)).toEqual({
      ok: true,
      fileName: { country, transmitterId, progressive, extension },
    })
  })

  it.each([
    ['IT01234567890_FPA01.XML', Problem.extension],
    ['IT01234567890_FPA01.p7m', Problem.extension],
    ['IT01234567890_FPA01', Problem.extension],
    ['IT01234567890_FPA01.xml.zip', Problem.extension],
    ['IT01234567890_FPA01.', Problem.extension],
    ['IT01234567890_FPA001.xml', Problem.progressive],
    ['IT01234567890_.xml', Problem.progressive],
    ['IT0123456789_FPA01.xml', Problem.transmitterId],
    ['IT012345678901_FPA01.xml', Problem.transmitterId],
    ['IT0123456789012_FPA01.xml', Problem.transmitterId],
    [`IT${CF_PERSON.toLowerCase()}_00001.xml`, Problem.transmitterId],
    ['DE1_1.xml', Problem.transmitterId],
    [`DE${'1'.repeat(29)}_1.xml`, Problem.transmitterId],
    ['it01234567890_FPA01.xml', Problem.country],
    ['I_FPA01.xml', Problem.country],
    ['1T01234567890_FPA01.xml', Problem.country],
    ['IT01234567890FPA01.xml', Problem.format],
    ['IT01234567890_FPA_01.xml', Problem.format],
    ['IT01234567890-FPA01.xml', Problem.characters],
    ['IT01234567890_FPA01 .xml', Problem.characters],
    ['ÌT01234567890_FPA01.xml', Problem.characters],
    ['../IT01234567890_FPA01.xml', Problem.characters],
    ['', Problem.extension],
    [`IT01234567890_${'1'.repeat(37)}.xml`, Problem.length],
  ])('refuses %s (00001, %s)', (name, detail) => {
    const result = parseInvoiceFileName(name)
    expect(result).toEqual({
      ok: false,
      error: {
        code: '00001',
        path: '',
        detail,
        message: { it: expect.any(String) as unknown, en: expect.any(String) as unknown },
      },
    })
  })

  it('checks the length first, so a huge name costs nothing', () => {
    expect(parseInvoiceFileName('x'.repeat(10_000_000))).toMatchObject({ ok: false, error: { detail: Problem.length } })
  })
})

describe('invoiceFileName', () => {
  it('builds .xml names, and .xml.p7m for CAdES-signed files', () => {
    const parts = { country: 'IT', transmitterId: '01234567890', progressive: 'FPA01' }
    expect(invoiceFileName({ ...parts, signed: false })).toBe('IT01234567890_FPA01.xml')
    expect(invoiceFileName({ ...parts, signed: true })).toBe('IT01234567890_FPA01.xml.p7m')
  })

  it('throws FATTURAPA_ERR_FILE_NAME with the SdI error for a part that breaks the rule', () => {
    expect(() => invoiceFileName({ country: 'IT', transmitterId: '0123', progressive: '1', signed: false })).toThrow(
      expect.objectContaining({
        code: 'FATTURAPA_ERR_FILE_NAME',
        error: expect.objectContaining({ code: '00001', detail: Problem.transmitterId }) as unknown,
      }),
    )
    expect(() =>
      invoiceFileName({ country: 'IT', transmitterId: '01234567890', progressive: 'a_b', signed: true }),
    ).toThrow(expect.objectContaining({ error: expect.objectContaining({ detail: Problem.progressive }) as unknown }))
  })

  it('builds names that parse back to their parts', () => {
    const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`))
    const parts = fc.oneof(
      fc.record({ country: fc.constant('IT'), transmitterId: fc.stringMatching(/^(?:[0-9]{11}|[A-Z0-9]{16})$/) }),
      fc.record({ country: fc.stringMatching(/^[A-Z]{2}$/).filter((c) => c !== 'IT'), transmitterId: alnum(2, 28) }),
    )
    fc.assert(
      fc.property(parts, alnum(1, 5), fc.boolean(), (head, progressive, signed) => {
        const name = invoiceFileName({ ...head, progressive, signed })
        const parsed = parseInvoiceFileName(name)
        return (
          parsed.ok &&
          parsed.fileName.progressive === progressive &&
          parsed.fileName.transmitterId === head.transmitterId
        )
      }),
    )
  })
})

describe('parseMessageFileName', () => {
  it.each(MESSAGE_SAMPLES)('reads the name of the official sample $file', ({ file, kind }) => {
    expect(parseMessageFileName(file)).toEqual({
      ok: true,
      fileName: {
        invoiceFileStem: 'IT01234567890_11111',
        invoice: { country: 'IT', transmitterId: '01234567890', progressive: '11111' },
        kind,
        progressive: '001',
      },
    })
  })

  it.each([...SDI_MESSAGE_KINDS])('reads message type %s', (kind) => {
    expect(parseMessageFileName(`DE123456789_a1_${kind}_Z9z.xml`)).toMatchObject({
      ok: true,
      fileName: { kind, progressive: 'Z9z' },
    })
  })

  it.each([
    ['IT01234567890_11111_XX_001.xml', Problem.messageType],
    ['IT01234567890_11111_rc_001.xml', Problem.messageType],
    ['IT01234567890_11111_RC_01.xml', Problem.messageProgressive],
    ['IT01234567890_11111_RC_0001.xml', Problem.messageProgressive],
    ['IT01234567890_11111_RC_001.xml.p7m', Problem.extension],
    ['IT01234567890_11111_RC_001.XML', Problem.extension],
    ['IT01234567890_11111_RC_001', Problem.extension],
    ['IT01234567890_11111_RC.xml', Problem.format],
    ['IT01234567890_11111.xml', Problem.format],
    ['IT01234567890_11111_RC_001_002.xml', Problem.format],
    ['IT0123_11111_RC_001.xml', Problem.transmitterId],
    ['IT01234567890_111111_RC_001.xml', Problem.progressive],
    ['IT01234567890_11111_RC_00-.xml', Problem.characters],
    [`IT${CF_PERSON}_11111_RC_001.xml${'x'.repeat(20)}`, Problem.length],
  ])('refuses %s (%s)', (name, detail) => {
    expect(parseMessageFileName(name)).toMatchObject({ ok: false, error: { code: '00001', detail } })
  })
})

describe('messageFileName', () => {
  it.each([
    ['IT01234567890_11111.xml.p7m', 'RC', 1, 'IT01234567890_11111_RC_001.xml'],
    ['IT01234567890_11111.xml', 'NS', 42, 'IT01234567890_11111_NS_042.xml'],
    ['IT01234567890_11111.zip', 'NS', 999, 'IT01234567890_11111_NS_999.xml'],
    ['IT01234567890_FPA01.xml', 'EC', 'A01', 'IT01234567890_FPA01_EC_A01.xml'],
    [`IT${CF_PERSON}_00001.xml`, 'MT', 0, `IT${CF_PERSON}_00001_MT_000.xml`],
  ] as const)('names the %s message of type %s, progressive %s', (invoice, kind, progressive, expected) => {
    const name = messageFileName(invoice, kind, progressive)
    expect(name).toBe(expected)
    expect(parseMessageFileName(name)).toMatchObject({ ok: true, fileName: { kind } })
  })

  it.each([
    ['IT01234567890_11111', 'RC', 1, Problem.extension],
    ['IT01234567890_11111.xml', 'XX', 1, Problem.messageType],
    ['IT01234567890_11111.xml', 'RC', 1000, Problem.messageProgressive],
    ['IT01234567890_11111.xml', 'RC', -1, Problem.messageProgressive],
    ['IT01234567890_11111.xml', 'RC', 1.5, Problem.messageProgressive],
    ['IT01234567890_11111.xml', 'RC', 'ab', Problem.messageProgressive],
    ['IT01234567890_11111.xml', 'RC', 'a_b', Problem.messageProgressive],
  ] as const)('throws for %s, %s, %s', (invoice, kind, progressive, detail) => {
    expect(() => messageFileName(invoice, kind as 'RC', progressive)).toThrow(
      expect.objectContaining({
        code: 'FATTURAPA_ERR_FILE_NAME',
        error: expect.objectContaining({ detail }) as unknown,
      }),
    )
  })
})
