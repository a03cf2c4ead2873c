import { describe, expect, it } from 'vitest'
import { classifyError } from '@varco/errors'
import { assertValidAt } from '../src/domain/certificate-validity.ts'
import { signingFailureOf } from '../src/domain/failure.ts'
import {
  SigningCertificateExpired,
  SigningCertificateNotYetValid,
  SigningContentUnsignable,
  SigningIdentityUnreadable,
  SigningNoIdentity,
  SigningSecretMissing,
  SigningSignerFailed,
  SigningTokenUnavailable,
} from '../src/errors.ts'

const certificate = {
  subject: 'CN=Mario Rossi,O=Alfa SRL,C=IT',
  notBefore: new Date('2026-01-01T00:00:00Z'),
  notAfter: new Date('2027-01-01T00:00:00Z'),
}

describe('the certificate at the signing time', () => {
  it('is accepted within its validity, both ends included', () => {
    for (const at of ['2026-01-01T00:00:00Z', '2026-06-01T12:00:00Z', '2027-01-01T00:00:00Z']) {
      expect(() => assertValidAt(certificate, new Date(at))).not.toThrow()
    }
  })

  it('is refused once expired and before it is valid, naming the certificate and the date', () => {
    expect(() => assertValidAt(certificate, new Date('2027-01-01T00:00:01Z'))).toThrow(
      expect.objectContaining({
        code: 'SIGNING_ERR_CERTIFICATE_EXPIRED',
        message: "The signing certificate 'CN=Mario Rossi,O=Alfa SRL,C=IT' expired at 2027-01-01T00:00:00.000Z",
      }),
    )
    expect(() => assertValidAt(certificate, new Date('2025-12-31T23:59:59Z'))).toThrow(
      expect.objectContaining({ code: 'SIGNING_ERR_CERTIFICATE_NOT_YET_VALID' }),
    )
  })
})

describe('signing failures', () => {
  it.each([
    [new SigningNoIdentity('t1', 'IT01234567890'), 'no_identity'],
    [new SigningCertificateExpired('CN=x', '2025-01-01'), 'certificate_expired'],
    [new SigningCertificateNotYetValid('CN=x', '2030-01-01'), 'certificate_not_yet_valid'],
    [new SigningIdentityUnreadable('#1', 'wrong password'), 'identity_unreadable'],
    [new SigningSecretMissing('p12', 'no file'), 'secret_missing'],
    [new SigningContentUnsignable('not XML'), 'content_unsignable'],
    [new SigningSignerFailed('#1', 'refused'), 'signer_failed'],
  ])('report %s as %s, not retriable', (err, cause) => {
    expect(signingFailureOf(err)).toEqual({ cause, message: err.message, retriable: false })
    expect(classifyError(err)).toBe('fatal')
  })

  it('are not made of a token that is away: that is thrown, retriable, for the consumer to retry', () => {
    const err = new SigningTokenUnavailable('#3', "no token labelled 'firma'")
    expect(signingFailureOf(err)).toBeUndefined()
    expect(classifyError(err)).toBe('retriable')
  })

  it('are not made of other errors (database, document store, bugs): those are thrown on', () => {
    expect(signingFailureOf(Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }))).toBeUndefined()
    expect(signingFailureOf(new TypeError('x is undefined'))).toBeUndefined()
    expect(signingFailureOf('boom')).toBeUndefined()
  })
})
