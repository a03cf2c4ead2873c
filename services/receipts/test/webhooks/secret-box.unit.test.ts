import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseKeyring } from '@varco/documents'
import { createSecretBox } from '../../src/webhooks/secret-box.ts'

const k1 = randomBytes(32).toString('base64')
const k2 = randomBytes(32).toString('base64')
const secret = 'whsec_' + randomBytes(32).toString('base64')

describe('webhook secrets at rest', () => {
  const box = createSecretBox(parseKeyring(`k1:${k1}`, 'k1'))

  it('opens what it sealed, and the sealed bytes do not contain the secret', () => {
    const sealed = box.seal(secret, 'sub-1', 'current')
    expect(sealed.keyId).toBe('k1')
    expect(sealed.sealed.toString('utf8')).not.toContain(secret.slice(6))
    expect(sealed.sealed.toString('base64')).not.toContain(secret.slice(6, 20))
    expect(box.open(sealed, 'sub-1', 'current')).toBe(secret)
  })

  it('seals the same secret differently each time (a fresh nonce)', () => {
    expect(box.seal(secret, 'sub-1', 'current').sealed.equals(box.seal(secret, 'sub-1', 'current').sealed)).toBe(false)
  })

  it('does not open on another subscription or in the other slot (copied rows)', () => {
    const sealed = box.seal(secret, 'sub-1', 'current')
    expect(() => box.open(sealed, 'sub-2', 'current')).toThrow()
    expect(() => box.open(sealed, 'sub-1', 'previous')).toThrow()
  })

  it('does not open tampered, truncated or relabelled bytes', () => {
    const sealed = box.seal(secret, 'sub-1', 'current')
    const flipped = Buffer.from(sealed.sealed)
    flipped[20] = flipped[20]! ^ 1
    expect(() => box.open({ ...sealed, sealed: flipped }, 'sub-1', 'current')).toThrow()
    expect(() => box.open({ ...sealed, sealed: sealed.sealed.subarray(0, 20) }, 'sub-1', 'current')).toThrow()
    expect(() => box.open({ ...sealed, keyId: 'k9' }, 'sub-1', 'current')).toThrow(/k9/)
  })

  it('keeps opening secrets sealed before a master key rotation, and seals new ones under the new key', () => {
    const old = box.seal(secret, 'sub-1', 'current')
    const rotated = createSecretBox(parseKeyring(`k1:${k1},k2:${k2}`, 'k2'))
    expect(rotated.open(old, 'sub-1', 'current')).toBe(secret)
    expect(rotated.seal(secret, 'sub-1', 'current').keyId).toBe('k2')
  })

  it('does not open under other key material with the same id', () => {
    const sealed = box.seal(secret, 'sub-1', 'current')
    const impostor = createSecretBox(parseKeyring(`k1:${k2}`, 'k1'))
    expect(() => impostor.open(sealed, 'sub-1', 'current')).toThrow()
  })
})
