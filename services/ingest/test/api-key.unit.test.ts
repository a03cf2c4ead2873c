import { describe, expect, it } from 'vitest'
import { bearerToken, generateApiKey, hashApiKey, isApiKeyShaped, keyHint } from '../src/domain/api-key.ts'

describe('API keys', () => {
  it('are the prefix and 32 random bytes in base64url, different every time', () => {
    const keys = new Set(Array.from({ length: 100 }, generateApiKey))
    expect(keys.size).toBe(100)
    for (const key of keys) {
      expect(key).toMatch(/^vk_live_[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(key.slice(8), 'base64url')).toHaveLength(32)
      expect(isApiKeyShaped(key)).toBe(true)
    }
  })

  it('are stored as their SHA-256, and shown by their last four characters', () => {
    const key = generateApiKey()
    expect(hashApiKey(key)).toHaveLength(32)
    expect(hashApiKey(key).equals(hashApiKey(key))).toBe(true)
    expect(hashApiKey(key).equals(hashApiKey(generateApiKey()))).toBe(false)
    expect(keyHint(key)).toBe(key.slice(-4))
  })

  it('refuse anything else before a lookup', () => {
    for (const bad of [
      '',
      'vk_live_',
      'vk_test_' + 'a'.repeat(43),
      'vk_live_' + 'a'.repeat(42),
      'vk_live_' + '!'.repeat(43),
    ]) {
      expect(isApiKeyShaped(bad)).toBe(false)
    }
  })

  it('come in a Bearer Authorization header', () => {
    expect(bearerToken(undefined)).toBeUndefined()
    expect(bearerToken('Bearer abc')).toBe('abc')
    expect(bearerToken('bearer  abc ')).toBe('abc')
    expect(bearerToken('Basic abc')).toBe('')
    expect(bearerToken('Bearer')).toBe('')
    expect(bearerToken('Bearer a b')).toBe('')
  })
})
