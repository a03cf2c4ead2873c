import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyFile } from '../src/index.ts'
import { read, SIGNED_MESSAGES, UNSIGNED_MESSAGES } from './helpers/shared.ts'

// SdI's signing certificate ("Sistema Interscambio Fattura PA", 2011-07-04 to 2014-07-04) was issued by "CA Agenzia
// delle Entrate", whose certificate is not among the samples: trust cannot be established (00104) in any case.
const SDI_SIGNER = {
  subject: 'CN=Sistema Interscambio Fattura PA,OU=Servizi Telematici,O=Agenzia delle Entrate,C=IT',
  issuer: 'CN=CA Agenzia delle Entrate,OU=Servizi Telematici,O=Agenzia delle Entrate,C=IT',
  notBefore: new Date('2011-07-04T13:19:24Z'),
  notAfter: new Date('2014-07-04T13:19:23Z'),
}

describe('the signed SdI messages (XAdES, XPath Filter 2.0, inclusive C14N of KeyInfo and SignedProperties)', () => {
  it.each(SIGNED_MESSAGES.map((path) => [basename(path), path]))(
    '%s is intact and reported expired (00100) and untrusted (00104)',
    async (_, path) => {
      const input = read(path)
      const verdict = await verifyFile(input, { trust: [] })
      expect(verdict).toMatchObject({ valid: false, code: '00100', intact: true, format: 'xades', signer: SDI_SIGNER })
      expect(verdict.problems.map((problem) => problem.code)).toEqual(['00100', '00104'])
      expect(verdict.message).toMatch(/expired on 2014-07-04T13:19:23.000Z/)
      expect(verdict.signingTime?.toISOString()).toMatch(/^2014-06-05T14:2\d:\d\dZ$|^2014-06-05T14:2\d:\d\d.000Z$/)
      const withoutSignature = input.toString('utf8').replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
      expect(verdict.content?.toString('utf8')).toBe(withoutSignature)
    },
  )

  it.each(SIGNED_MESSAGES.map((path) => [basename(path), path]))(
    '%s received while the certificate was valid: only 00104',
    async (_, path) => {
      const verdict = await verifyFile(read(path), { trust: [], receivedAt: new Date('2014-06-06T00:00:00Z') })
      expect(verdict.problems.map((problem) => problem.code)).toEqual(['00104'])
      expect(verdict.intact).toBe(true)
    },
  )

  it('an altered message is broken (00102), not merely expired', async () => {
    const altered = read(SIGNED_MESSAGES[0]!)
      .toString('utf8')
      .replace('<IdentificativoSdI>111', '<IdentificativoSdI>112')
    const verdict = await verifyFile(Buffer.from(altered), { trust: [] })
    expect(verdict).toMatchObject({ code: '00102', intact: false })
    expect(verdict.problems.map((problem) => problem.code)).toEqual(['00102'])
  })

  it('an XPath Filter 2.0 other than subtract /descendant::ds:Signature is refused (00102) before any cryptography', async () => {
    const original = read(SIGNED_MESSAGES[0]!).toString('utf8')
    for (const [from, to, reason] of [
      ['Filter="subtract"', 'Filter="intersect"', /only subtract/],
      ['/descendant::ds:Signature</XPath>', '/descendant::ds:Object</XPath>', /expression/],
    ] as const) {
      const verdict = await verifyFile(Buffer.from(original.replace(from, to)), { trust: [] })
      expect(verdict.code).toBe('00102')
      expect(verdict.message).toMatch(reason)
    }
  })

  it.each(UNSIGNED_MESSAGES.map((path) => [basename(path), path]))(
    '%s (unsigned by design) has no signature: 00102',
    async (_, path) => {
      const verdict = await verifyFile(read(path), { trust: [] })
      expect(verdict).toMatchObject({ code: '00102', intact: false, message: 'no ds:Signature in the document' })
    },
  )
})
