import { createHmac } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { generateSecret, secretKey, signatureHeader, signatureOf } from '../../src/webhooks/domain/signature.ts'

// The example of the Standard Webhooks specification (its README's "Signature scheme" and its test vectors).
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek'
const SPEC_TIMESTAMP = 1614265330
const SPEC_BODY = '{"test": 2432232314}'
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='

const headersOf = (id: string, timestamp: number, signature: string) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signature,
})

describe('Standard Webhooks signatures', () => {
  it("matches the specification's example", () => {
    expect(signatureOf(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).toBe(SPEC_SIGNATURE)
  })

  it('verifies with the standardwebhooks library, an independent implementation', () => {
    const secret = generateSecret()
    const now = Math.floor(Date.now() / 1000)
    const body = JSON.stringify({ type: 'invoice.received', data: { invoiceId: 'inv_1', note: 'àè€' } })
    const header = signatureHeader([secret], 'msg_1', now, body)
    expect(new Webhook(secret).verify(body, headersOf('msg_1', now, header))).toEqual(JSON.parse(body))
  })

  it('signs with both secrets during a rotation: either one verifies', () => {
    const [current, previous] = [generateSecret(), generateSecret()]
    const now = Math.floor(Date.now() / 1000)
    const header = signatureHeader([current, previous], 'msg_2', now, '{}')
    expect(header.split(' ')).toHaveLength(2)
    expect(header.split(' ').every((part) => part.startsWith('v1,'))).toBe(true)
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify('{}', headersOf('msg_2', now, header))).toEqual({})
    }
    expect(() => new Webhook(generateSecret()).verify('{}', headersOf('msg_2', now, header))).toThrow()
  })

  it('fails verification when the body, the id or the timestamp changed', () => {
    const secret = generateSecret()
    const now = Math.floor(Date.now() / 1000)
    const header = signatureHeader([secret], 'msg_3', now, '{"a":1}')
    const hook = new Webhook(secret)
    expect(() => hook.verify('{"a":2}', headersOf('msg_3', now, header))).toThrow()
    expect(() => hook.verify('{"a":1}', headersOf('msg_4', now, header))).toThrow()
    expect(() => hook.verify('{"a":1}', headersOf('msg_3', now + 1, header))).toThrow()
  })

  it('makes secrets of 32 random bytes, "whsec_" and base64, never twice the same', () => {
    const secrets = Array.from({ length: 100 }, () => generateSecret())
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
      expect(secretKey(secret)).toHaveLength(32)
    }
    expect(new Set(secrets).size).toBe(100)
  })

  it('keys the HMAC with the decoded bytes, not the text of the secret', () => {
    const secret = generateSecret()
    const expected = createHmac('sha256', secretKey(secret)).update('m.1.b').digest('base64')
    expect(signatureOf(secret, 'm', 1, 'b')).toBe(`v1,${expected}`)
  })

  it('refuses to sign without a secret or with one of another format', () => {
    expect(() => signatureHeader([], 'm', 1, 'b')).toThrow(TypeError)
    expect(() => signatureOf('sk_not_a_webhook_secret', 'm', 1, 'b')).toThrow(TypeError)
  })
})
