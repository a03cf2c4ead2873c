import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseKeyring } from '../src/keyring.ts'
import { newKey } from './keys.ts'

// Every 8-character window of the key: an error that printed part of it would show one of these.
function fragmentsOf(key: string): string[] {
  return Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8))
}

function parseError(keys: string, active: string): Error & { code?: string; statusCode?: number } {
  try {
    parseKeyring(keys, active)
  } catch (err) {
    return err as Error
  }
  throw new Error('parseKeyring accepted a bad keyring')
}

describe('parseKeyring', () => {
  it('reads keyId:base64 entries, trimming blanks, with the active key among them', () => {
    const keyring = parseKeyring(` old-1:${newKey()} , new_2:${newKey()} `, 'new_2')
    expect(keyring.activeKeyId).toBe('new_2')
    expect(keyring.keyIds).toEqual(['old-1', 'new_2'])
    expect(keyring.key('old-1')?.symmetricKeySize).toBe(32)
    expect(keyring.key('missing')).toBeUndefined()
  })

  it('keeps the same key material the configuration holds', () => {
    const key = newKey()
    const exported = parseKeyring(`A:${key}`, 'A').key('A')?.export()
    expect(exported?.toString('base64')).toBe(key)
  })

  it('prints no key material when logged', () => {
    const key = newKey()
    const keyring = parseKeyring(`A:${key}`, 'A')
    for (const text of [inspect(keyring, { depth: 10 }), JSON.stringify(keyring)]) {
      for (const fragment of fragmentsOf(key)) expect(text).not.toContain(fragment)
    }
  })

  const key = newKey()
  const bad: Array<[string, string, string, RegExp]> = [
    ['no keys', '', 'A', /no keys configured/],
    ['an empty entry', `A:${key},,B:${newKey()}`, 'A', /entry 2 is empty/],
    ['an entry without an id', key, 'A', /entry 1 is not keyId:base64/],
    ['a malformed id', `bad id!:${key}`, 'A', /entry 1 has a key id that does not match/],
    ['an id too long', `${'x'.repeat(33)}:${key}`, 'A', /entry 1 has a key id/],
    ['bad base64', `A:${key.slice(0, 20)}*${key.slice(21)}`, 'A', /key 'A' is not valid base64/],
    ['base64 without padding', `A:${key.replace(/=+$/, '')}`, 'A', /key 'A' is not valid base64/],
    ['an empty key', 'A:', 'A', /key 'A' is not valid base64/],
    ['a short key', `A:${randomBytes(16).toString('base64')}`, 'A', /key 'A' is 16 bytes long; 32 random bytes/],
    ['a long key', `A:${randomBytes(48).toString('base64')}`, 'A', /key 'A' is 48 bytes long/],
    ['a duplicate id', `A:${key},A:${newKey()}`, 'A', /key id 'A' appears twice/],
    ['one key under two ids', `A:${key},B:${key}`, 'A', /keys 'A' and 'B' hold the same key material/],
    ['an active id not configured', `A:${key}`, 'B', /the active key 'B' is not among the configured keys/],
    ['a malformed active id', `A:${key}`, key, /the active key id does not match/],
  ]

  it.each(bad)('rejects %s with DOC_ERR_KEYRING and no key material', (_, keys, active, problem) => {
    const err = parseError(keys, active)
    expect(err.code).toBe('DOC_ERR_KEYRING')
    expect(err.message).toMatch(problem)
    const printed = [err.message, String(err.stack), inspect(err), JSON.stringify(err)].join('\n')
    for (const material of keys.split(',').map((entry) => entry.slice(entry.indexOf(':') + 1))) {
      for (const fragment of material.length >= 8 ? fragmentsOf(material) : []) expect(printed).not.toContain(fragment)
    }
  })
})
