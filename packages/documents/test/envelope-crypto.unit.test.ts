import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { addressOf } from '../src/address.ts'
import {
  openDocument,
  rewrapKey,
  sealDocument,
  WRAPPED_KEY_BYTES,
  type SealedDocument,
} from '../src/envelope-crypto.ts'
import { keyringOf, newKey } from './keys.ts'

const keyA = newKey()
const keyB = newKey()
const ringA = keyringOf({ A: keyA }, 'A')

function aDocument(size = 1000): { content: Buffer; address: Buffer } {
  const content = randomBytes(size)
  return { content, address: addressOf(content) }
}

function flipByte(buffer: Buffer, index: number): Buffer {
  const copy = Buffer.from(buffer)
  copy[index] = copy[index]! ^ 0x01
  return copy
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    return (err as { code?: string }).code
  }
  return undefined
}

describe('sealDocument / openDocument', () => {
  it('round-trips content, empty content included', () => {
    for (const size of [0, 1, 1000, 100_000]) {
      const { content, address } = aDocument(size)
      const sealed = sealDocument(content, address, ringA)
      expect(openDocument(sealed, address, ringA).equals(content)).toBe(true)
    }
  })

  it('stores ciphertext of the content length plus tag, a 12-byte nonce and a 60-byte wrapped key', () => {
    const { content, address } = aDocument()
    const sealed = sealDocument(content, address, ringA)
    expect(sealed.keyId).toBe('A')
    expect(sealed.ciphertext.length).toBe(content.length + 16)
    expect(sealed.nonce.length).toBe(12)
    expect(sealed.wrappedKey.length).toBe(WRAPPED_KEY_BYTES)
    expect(WRAPPED_KEY_BYTES).toBe(60)
    expect(sealed.ciphertext.includes(content.subarray(0, 16))).toBe(false)
  })

  it('uses a fresh data key and nonces for every seal of the same content', () => {
    const { content, address } = aDocument()
    const first = sealDocument(content, address, ringA)
    const second = sealDocument(content, address, ringA)
    expect(first.nonce.equals(second.nonce)).toBe(false)
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false)
    expect(first.wrappedKey.equals(second.wrappedKey)).toBe(false)
  })

  it('binds the ciphertext to its address: it does not open under another one', () => {
    const one = aDocument()
    const other = aDocument()
    const sealed = sealDocument(one.content, one.address, ringA)
    expect(codeOf(() => openDocument(sealed, other.address, ringA))).toBe('DOC_ERR_DECRYPT')
  })

  it('fails with DOC_ERR_DECRYPT under the wrong master key material for the same id', () => {
    const { content, address } = aDocument()
    const sealed = sealDocument(content, address, ringA)
    expect(codeOf(() => openDocument(sealed, address, keyringOf({ A: keyB }, 'A')))).toBe('DOC_ERR_DECRYPT')
  })

  it('fails with DOC_ERR_KEY_UNKNOWN when the keyring lacks the key id', () => {
    const { content, address } = aDocument()
    const sealed = sealDocument(content, address, ringA)
    expect(codeOf(() => openDocument(sealed, address, keyringOf({ B: keyB }, 'B')))).toBe('DOC_ERR_KEY_UNKNOWN')
  })

  it('fails when the key id is switched to another key of the keyring', () => {
    const { content, address } = aDocument()
    const sealed = sealDocument(content, address, ringA)
    const both = keyringOf({ A: keyA, B: keyB }, 'A')
    expect(codeOf(() => openDocument({ ...sealed, keyId: 'B' }, address, both))).toBe('DOC_ERR_DECRYPT')
  })

  const parts = ['ciphertext', 'nonce', 'wrappedKey'] as const
  it.each(parts)('fails with DOC_ERR_DECRYPT when any byte of the %s is flipped', (part) => {
    const { content, address } = aDocument(64)
    const sealed = sealDocument(content, address, ringA)
    for (let index = 0; index < sealed[part].length; index++) {
      const tampered: SealedDocument = { ...sealed, [part]: flipByte(sealed[part], index) }
      expect(codeOf(() => openDocument(tampered, address, ringA))).toBe('DOC_ERR_DECRYPT')
    }
  })

  it.each(parts)('fails with DOC_ERR_DECRYPT when the %s is truncated', (part) => {
    const { content, address } = aDocument(64)
    const sealed = sealDocument(content, address, ringA)
    const tampered: SealedDocument = { ...sealed, [part]: sealed[part].subarray(0, sealed[part].length - 1) }
    expect(codeOf(() => openDocument(tampered, address, ringA))).toBe('DOC_ERR_DECRYPT')
  })

  it('fails with DOC_ERR_INTEGRITY when a writer sealed content under an address that is not its hash', () => {
    const { content } = aDocument()
    const wrongAddress = addressOf(Buffer.from('something else'))
    const sealed = sealDocument(content, wrongAddress, ringA)
    expect(codeOf(() => openDocument(sealed, wrongAddress, ringA))).toBe('DOC_ERR_INTEGRITY')
  })

  it('names the document and the key id in its errors, never key material', () => {
    const { content, address } = aDocument()
    const sealed = sealDocument(content, address, ringA)
    let message = ''
    try {
      openDocument(sealed, address, keyringOf({ A: keyB }, 'A'))
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain(address.toString('hex'))
    expect(message).toContain("master key 'A'")
    expect(message).not.toContain(keyA)
    expect(message).not.toContain(keyB)
  })
})

describe('rewrapKey', () => {
  it('moves the data key under the active key; the content ciphertext still opens', () => {
    const { content, address } = aDocument()
    const sealed = sealDocument(content, address, ringA)
    const rotated = rewrapKey(sealed, address, keyringOf({ A: keyA, B: keyB }, 'B'))
    expect(rotated.keyId).toBe('B')
    const moved = { ...sealed, ...rotated }
    expect(openDocument(moved, address, keyringOf({ B: keyB }, 'B')).equals(content)).toBe(true)
    expect(codeOf(() => openDocument(moved, address, ringA))).toBe('DOC_ERR_KEY_UNKNOWN')
  })

  it('refuses a data key it cannot authenticate', () => {
    const { content, address } = aDocument()
    const sealed = sealDocument(content, address, ringA)
    const wrong = keyringOf({ A: newKey(), B: keyB }, 'B')
    expect(codeOf(() => rewrapKey(sealed, address, wrong))).toBe('DOC_ERR_DECRYPT')
  })
})
