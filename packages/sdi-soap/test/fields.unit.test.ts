import { describe, expect, it } from 'vitest'
import { binary, dateTime, identificativoSdI, nomeFile } from '../src/model/fields.ts'
import { fileSdIConMetadati, rispostaSdINotificaEsito } from '../src/model/codecs.ts'

const none = new Map<string, Buffer>()

describe('fields', () => {
  it('checks NomeFile against [a-zA-Z0-9_.]{9,50}', () => {
    expect(nomeFile('IT01234567890_11111.xml.p7m')).toBe('IT01234567890_11111.xml.p7m')
    expect(() => nomeFile('a.xml')).toThrow(/does not match/)
    expect(() => nomeFile('IT01234567890-11111.xml')).toThrow(/does not match/)
    expect(() => nomeFile(`${'x'.repeat(47)}.xml`)).toThrow(/does not match/)
    expect(() => nomeFile(undefined)).toThrow('NomeFile is missing')
    expect(() => nomeFile({ b: '1' })).toThrow('NomeFile must be text')
  })

  it('keeps IdentificativoSdI as its canonical decimal string', () => {
    expect(identificativoSdI('123456789012')).toBe('123456789012')
    expect(identificativoSdI('+000042')).toBe('42')
    expect(identificativoSdI('0')).toBe('0')
    expect(() => identificativoSdI('1234567890123')).toThrow(/12 digits/)
    expect(() => identificativoSdI('-1')).toThrow(/12 digits/)
    expect(() => identificativoSdI('1e3')).toThrow(/12 digits/)
  })

  it('reads base64Binary strictly, from inline text or an attachment marker', () => {
    expect(binary('aGVs\n bG8=', none, 'File').toString()).toBe('hello')
    expect(binary({}, none, 'File').length).toBe(0)
    expect(() => binary('aGVsbG8=!', none, 'File')).toThrow('File is not valid base64')
    expect(() => binary('aGVsbG8===', none, 'File')).toThrow('File is not valid base64')
    const bytes = Buffer.from([1, 2, 3])
    expect(binary('xop:n:0', new Map([['xop:n:0', bytes]]), 'File')).toBe(bytes)
    expect(() => binary('xop:n:0', none, 'File')).toThrow(/not valid base64/)
    expect(() => binary({ Include: { attributes: { href: 'cid:x' } } }, none, 'File')).toThrow(/xop:Include/)
  })

  it('keeps xsd:dateTime lexical', () => {
    expect(dateTime('2024-01-31T10:00:00.123+01:00', 'D')).toBe('2024-01-31T10:00:00.123+01:00')
    expect(dateTime('2024-01-31T10:00:00', 'D')).toBe('2024-01-31T10:00:00')
    expect(() => dateTime('31/01/2024', 'D')).toThrow(/xsd:dateTime/)
  })
})

describe('codecs', () => {
  it('write fields in the schema sequence order', () => {
    const message = {
      Metadati: Buffer.from('m'),
      NomeFileMetadati: 'IT01234567890_11111_MT_001.xml',
      File: Buffer.from('f'),
      NomeFile: 'IT01234567890_11111.xml',
      IdentificativoSdI: '7',
    }
    const encoded = fileSdIConMetadati.encode(message, (b) => b.toString('base64'))
    expect(Object.keys(encoded)).toEqual(['IdentificativoSdI', 'NomeFile', 'File', 'NomeFileMetadati', 'Metadati'])
  })

  it('read an optional ScartoEsito and refuse an unknown Esito', () => {
    const scarto = { NomeFile: 'IT01234567890_11111_SE_001.xml', File: 'aGk=' }
    expect(rispostaSdINotificaEsito.decode({ Esito: 'ES00', ScartoEsito: scarto }, none)).toEqual({
      Esito: 'ES00',
      ScartoEsito: { NomeFile: scarto.NomeFile, File: Buffer.from('hi') },
    })
    expect(rispostaSdINotificaEsito.decode({ Esito: 'ES01' }, none)).toEqual({ Esito: 'ES01' })
    expect(() => rispostaSdINotificaEsito.decode({ Esito: 'ES03' }, none)).toThrow(/not a known code/)
  })
})
