import type { InvoiceValidatedData } from '@varco/contracts'
import { assertNever } from '@varco/errors'
import { SigningSetupInvalid } from '../errors.ts'

/** The two signature formats SdI accepts (FACTS §5): CAdES-BES `.xml.p7m`, XAdES-BES enveloped `.xml`. */
export type SignatureFormat = 'cades' | 'xades'

/** What a tenant wants for FPR12 (B2B) files, whose signature is optional. */
export type Fpr12Mode = 'none' | SignatureFormat

/** A tenant's signing policy. FPA12 (to public administrations) must carry a qualified signature: only its format is chosen. */
export interface SigningPolicy {
  readonly fpa12: SignatureFormat
  readonly fpr12: Fpr12Mode
}

/** The policy of a tenant that configured none: CAdES for FPA12 (what most PA tooling expects), FPR12 unsigned. */
export const DEFAULT_POLICY: SigningPolicy = { fpa12: 'cades', fpr12: 'none' }

export type SigningDecision =
  /** Sign the XML here, in this format. */
  | { readonly action: 'sign'; readonly format: SignatureFormat }
  /** The vendor signed it already: transmit their file as it is (a second signature would change what they signed). */
  | { readonly action: 'keep'; readonly format: SignatureFormat }
  /** Transmit the XML unsigned. */
  | { readonly action: 'none' }

export interface SigningInput {
  readonly formato: InvoiceValidatedData['formato']
  readonly signedBy?: SignatureFormat | undefined
  readonly policy: SigningPolicy
}

/** Decides whether and how a validated file is signed before it is transmitted. */
export function decideSigning({ formato, signedBy, policy }: SigningInput): SigningDecision {
  if (signedBy !== undefined) return { action: 'keep', format: signedBy }
  switch (formato) {
    case 'FPA12':
      return { action: 'sign', format: policy.fpa12 }
    case 'FPR12':
      return policy.fpr12 === 'none' ? { action: 'none' } : { action: 'sign', format: policy.fpr12 }
    default:
      return assertNever(formato, 'formato')
  }
}

/** Checks a policy an operator configures (it may come from outside TypeScript); throws SIGNING_ERR_SETUP_INVALID. */
export function checkPolicy(policy: SigningPolicy): void {
  if (!['cades', 'xades'].includes(policy.fpa12)) {
    throw new SigningSetupInvalid("FPA12 files must be signed: the format is 'cades' or 'xades'")
  }
  if (!['none', 'cades', 'xades'].includes(policy.fpr12)) {
    throw new SigningSetupInvalid("the FPR12 mode is 'none', 'cades' or 'xades'")
  }
}

/** Checks a tenant id the way event envelopes bound it. */
export function checkTenantId(tenantId: string): void {
  if (tenantId.length === 0 || tenantId.length > 100)
    throw new SigningSetupInvalid('the tenant id must be 1 to 100 characters')
}
