import { describe, expect, it } from 'vitest'
import {
  checkIdentity,
  identityName,
  pickIdentity,
  transmitterKey,
  type IdentityRecord,
  type IdentitySpec,
} from '../src/domain/identities.ts'

const pkcs12: IdentitySpec = { kind: 'pkcs12', file: '/keys/tenant.p12', passwordSecret: 'tenant-p12' }
const record = (id: string, transmitter: string | null): IdentityRecord => ({
  id,
  version: 1,
  tenantId: 't1',
  transmitter,
  spec: pkcs12,
})

describe('choosing the identity that signs for a transmitter', () => {
  const fallback = record('1', null)
  const own = record('2', 'IT01234567890')

  it("takes the transmitter's own identity over the tenant's default", () => {
    expect(pickIdentity([fallback, own], 'IT01234567890')).toBe(own)
    expect(pickIdentity([own, fallback], 'IT01234567890')).toBe(own)
  })

  it("falls back to the tenant's default, and finds none when there is none", () => {
    expect(pickIdentity([fallback], 'IT01234567890')).toBe(fallback)
    expect(pickIdentity([own], 'IT11111111111')).toBeUndefined()
    expect(pickIdentity([], 'IT01234567890')).toBeUndefined()
  })

  it('names transmitters as file names do: country code then tax id', () => {
    expect(transmitterKey({ country: 'IT', id: '01234567890' })).toBe('IT01234567890')
  })
})

describe('identities an operator configures', () => {
  it.each<[string, IdentitySpec]>([
    ['PKCS#12', pkcs12],
    ['PEM with a passphrase', { kind: 'pem', keyFile: '/k.pem', certificateFile: '/c.pem', passphraseSecret: 'pp' }],
    ['PEM without one', { kind: 'pem', keyFile: '/k.pem', certificateFile: '/c.pem' }],
    ['PKCS#11 on the default module', { kind: 'pkcs11', tokenLabel: 'firma', keyLabel: 'k', pinSecret: 'pin' }],
    [
      'PKCS#11 with its own module and certificate',
      {
        kind: 'pkcs11',
        module: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
        tokenLabel: 'firma',
        keyLabel: 'k',
        pinSecret: 'pin.txt',
        certificateFile: '/c.pem',
      },
    ],
  ])('accept %s', (_, spec) => {
    expect(() => checkIdentity(null, spec)).not.toThrow()
    expect(() => checkIdentity('IT01234567890', spec)).not.toThrow()
  })

  it.each<[string, string | null, IdentitySpec]>([
    ['a relative file', null, { ...pkcs12, file: 'tenant.p12' }],
    ['a secret name with a path', null, { ...pkcs12, passwordSecret: '../etc/passwd' }],
    ['a hidden secret file', null, { ...pkcs12, passwordSecret: '.env' }],
    ['a transmitter without country', '01234567890', pkcs12],
    ['an empty token label', null, { kind: 'pkcs11', tokenLabel: ' ', keyLabel: 'k', pinSecret: 'pin' }],
    ['a relative module', null, { kind: 'pkcs11', module: 'x.so', tokenLabel: 't', keyLabel: 'k', pinSecret: 'p' }],
  ])('refuse %s with SIGNING_ERR_SETUP_INVALID', (_, transmitter, spec) => {
    expect(() => checkIdentity(transmitter, spec)).toThrow(
      expect.objectContaining({ code: 'SIGNING_ERR_SETUP_INVALID' }),
    )
  })

  it('are named in logs by row, kind and scope, never by secret', () => {
    const name = identityName(record('7', 'IT01234567890'))
    expect(name).toBe("#7 (pkcs12, tenant 't1', IT01234567890)")
    expect(name).not.toContain('tenant-p12')
  })
})
