import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { addressOf, parseAddress } from '../src/address.ts'

describe('document addresses', () => {
  it('are the sha256 of the content', () => {
    const content = Buffer.from('<FatturaElettronica/>')
    expect(addressOf(content).toString('hex')).toBe(createHash('sha256').update(content).digest('hex'))
  })

  it('parse from 64 lowercase hex digits to 32 bytes', () => {
    const hex = addressOf(Buffer.from('x')).toString('hex')
    expect(parseAddress(hex).toString('hex')).toBe(hex)
  })

  it.each([
    ['upper case', 'A'.repeat(64)],
    ['too short', 'a'.repeat(63)],
    ['too long', 'a'.repeat(65)],
    ['not hex', 'g'.repeat(64)],
    ['empty', ''],
    ['with a newline', `${'a'.repeat(64)}\n`],
  ])('reject %s with DOC_ERR_BAD_REF (400)', (_, input) => {
    expect(() => parseAddress(input)).toThrow(expect.objectContaining({ code: 'DOC_ERR_BAD_REF', statusCode: 400 }))
  })

  it('cut an absurdly long bad address short in the message', () => {
    expect(() => parseAddress('z'.repeat(10_000))).toThrow(/^'z{80}\.\.\.' is not a document address/)
  })
})
