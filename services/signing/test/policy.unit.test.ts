import { describe, expect, it } from 'vitest'
import {
  checkPolicy,
  decideSigning,
  DEFAULT_POLICY,
  type SigningDecision,
  type SigningPolicy,
} from '../src/domain/policy.ts'

const formati = ['FPA12', 'FPR12'] as const
const policies: SigningPolicy[] = (['cades', 'xades'] as const).flatMap((fpa12) =>
  (['none', 'cades', 'xades'] as const).map((fpr12) => ({ fpa12, fpr12 })),
)
const vendorSignatures = ['cades', 'xades'] as const

describe('the signing decision for a file the vendor did not sign', () => {
  // formato, FPA12 format, FPR12 mode: what happens. Every combination is listed.
  it.each<[(typeof formati)[number], SigningPolicy['fpa12'], SigningPolicy['fpr12'], SigningDecision]>([
    ['FPA12', 'cades', 'none', { action: 'sign', format: 'cades' }],
    ['FPA12', 'cades', 'cades', { action: 'sign', format: 'cades' }],
    ['FPA12', 'cades', 'xades', { action: 'sign', format: 'cades' }],
    ['FPA12', 'xades', 'none', { action: 'sign', format: 'xades' }],
    ['FPA12', 'xades', 'cades', { action: 'sign', format: 'xades' }],
    ['FPA12', 'xades', 'xades', { action: 'sign', format: 'xades' }],
    ['FPR12', 'cades', 'none', { action: 'none' }],
    ['FPR12', 'cades', 'cades', { action: 'sign', format: 'cades' }],
    ['FPR12', 'cades', 'xades', { action: 'sign', format: 'xades' }],
    ['FPR12', 'xades', 'none', { action: 'none' }],
    ['FPR12', 'xades', 'cades', { action: 'sign', format: 'cades' }],
    ['FPR12', 'xades', 'xades', { action: 'sign', format: 'xades' }],
  ])('%s with FPA12 %s and FPR12 %s: %o', (formato, fpa12, fpr12, expected) => {
    expect(decideSigning({ formato, policy: { fpa12, fpr12 } })).toEqual(expected)
  })

  it('signs FPA12 with CAdES and leaves FPR12 unsigned when the tenant has no policy', () => {
    expect(DEFAULT_POLICY).toEqual({ fpa12: 'cades', fpr12: 'none' })
    expect(decideSigning({ formato: 'FPA12', policy: DEFAULT_POLICY })).toEqual({ action: 'sign', format: 'cades' })
    expect(decideSigning({ formato: 'FPR12', policy: DEFAULT_POLICY })).toEqual({ action: 'none' })
  })
})

describe('the signing decision for a file the vendor signed', () => {
  const combinations = formati.flatMap((formato) =>
    policies.flatMap((policy) => vendorSignatures.map((signedBy) => ({ formato, policy, signedBy }))),
  )

  it.each(combinations)(
    '$formato, policy $policy, vendor $signedBy: kept as it is',
    ({ formato, policy, signedBy }) => {
      expect(decideSigning({ formato, policy, signedBy })).toEqual({ action: 'keep', format: signedBy })
    },
  )

  it('covers every formato, policy and vendor signature', () => {
    expect(combinations).toHaveLength(2 * 6 * 2)
  })
})

describe('policies an operator configures', () => {
  it('accept every valid combination', () => {
    for (const policy of policies) expect(() => checkPolicy(policy)).not.toThrow()
  })

  it.each([
    ['FPA12 unsigned', { fpa12: 'none', fpr12: 'none' }],
    ['an unknown FPA12 format', { fpa12: 'pades', fpr12: 'none' }],
    ['an unknown FPR12 mode', { fpa12: 'cades', fpr12: 'sometimes' }],
  ])('refuse %s with SIGNING_ERR_SETUP_INVALID', (_, policy) => {
    expect(() => checkPolicy(policy as unknown as SigningPolicy)).toThrow(
      expect.objectContaining({ code: 'SIGNING_ERR_SETUP_INVALID', statusCode: 400 }),
    )
  })
})
