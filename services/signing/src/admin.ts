// The seam through which signing is configured: the tests use it now, the REST API will. No HTTP here.
import type pg from 'pg'
import {
  deleteIdentity,
  findPolicy,
  listIdentities,
  upsertIdentity,
  upsertPolicy,
} from './adapters/pg/policy-repository.ts'
import { SIGNING_SCHEMA } from './adapters/pg/schema.ts'
import { checkIdentity, type IdentityRecord, type IdentitySpec } from './domain/identities.ts'
import { checkPolicy, checkTenantId, type SigningPolicy } from './domain/policy.ts'

export { DEFAULT_POLICY, type Fpr12Mode, type SignatureFormat, type SigningPolicy } from './domain/policy.ts'
export type {
  IdentityRecord,
  IdentitySpec,
  Pkcs11IdentitySpec,
  Pkcs12IdentitySpec,
  PemIdentitySpec,
} from './domain/identities.ts'

/** Reads and changes tenants' signing policies and identities (references only: secrets stay in files). */
export interface SigningAdmin {
  policyOf(tenantId: string): Promise<SigningPolicy>
  setPolicy(tenantId: string, policy: SigningPolicy): Promise<void>
  identitiesOf(tenantId: string): Promise<IdentityRecord[]>
  /** The tenant's default identity (`transmitter` null) or a transmitter's own (`IT01234567890`), created or replaced. */
  setIdentity(tenantId: string, transmitter: string | null, identity: IdentitySpec): Promise<IdentityRecord>
  removeIdentity(tenantId: string, transmitter: string | null): Promise<boolean>
}

/**
 * The admin functions over the service's database. Inputs are checked first (SIGNING_ERR_SETUP_INVALID, status
 * 400); a changed identity gets a new version, which every replica's identity cache sees on its next use.
 */
export function signingAdmin(pool: pg.Pool, schema: string = SIGNING_SCHEMA): SigningAdmin {
  return {
    policyOf: (tenantId) => findPolicy(pool, schema, tenantId),
    async setPolicy(tenantId, policy) {
      checkTenantId(tenantId)
      checkPolicy(policy)
      await upsertPolicy(pool, schema, tenantId, policy)
    },
    identitiesOf: (tenantId) => listIdentities(pool, schema, tenantId),
    async setIdentity(tenantId, transmitter, identity) {
      checkTenantId(tenantId)
      checkIdentity(transmitter, identity)
      return upsertIdentity(pool, schema, tenantId, transmitter, identity)
    },
    removeIdentity: (tenantId, transmitter) => deleteIdentity(pool, schema, tenantId, transmitter),
  }
}
