// The operator's seam: tenants, their transmitters, their API keys. The CLI (admin-cli.ts) and the tests call it;
// vendors never reach it (there is no HTTP route to it).
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import {
  deleteTransmitter,
  findTenant,
  insertKey,
  insertTenant,
  insertTransmitter,
  revokeKeyRow,
  selectKeys,
  selectTenants,
  selectTransmitters,
  type ApiKeyRecord,
  type TenantRecord,
} from './adapters/pg/tenant-repository.ts'
import { generateApiKey, hashApiKey, keyHint } from './domain/api-key.ts'
import { AdminInvalid, KeyNotFound, TenantNotFound } from './errors.ts'

export type { ApiKeyRecord, TenantRecord } from './adapters/pg/tenant-repository.ts'

const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,99}$/
const TRANSMITTER = /^[A-Z]{2}[A-Za-z0-9]{2,28}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A new key: the secret, shown once and never stored, and its record. */
export interface CreatedKey {
  readonly key: string
  readonly record: ApiKeyRecord
}

export interface IngestAdmin {
  /** Creates a tenant; `id` defaults to a slug of the name (the tenantId of its events). */
  createTenant(name: string, id?: string): Promise<TenantRecord>
  listTenants(): Promise<TenantRecord[]>
  /** Lets the tenant send files whose IdTrasmittente is `transmitter` (IdPaese + IdCodice: IT01234567890). */
  addTransmitter(tenantId: string, transmitter: string): Promise<void>
  removeTransmitter(tenantId: string, transmitter: string): Promise<boolean>
  listTransmitters(tenantId: string): Promise<string[]>
  createKey(tenantId: string, label?: string): Promise<CreatedKey>
  listKeys(tenantId: string): Promise<ApiKeyRecord[]>
  /** Revokes a key: requests with it get 401 once replicas forget it (AUTH_CACHE_TTL_MS). */
  revokeKey(keyId: string): Promise<ApiKeyRecord>
}

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
}

/** The admin functions over the service's database; inputs are checked first (INGEST_ERR_ADMIN_INVALID). */
export function ingestAdmin(pool: pg.Pool): IngestAdmin {
  async function tenant(id: string): Promise<TenantRecord> {
    const found = TENANT_ID.test(id) ? await findTenant(pool, id) : undefined
    if (found === undefined) throw new TenantNotFound(id)
    return found
  }
  return {
    async createTenant(name, id = slug(name)) {
      const trimmed = name.trim()
      if (trimmed.length < 1 || trimmed.length > 200) throw new AdminInvalid('a tenant name has 1 to 200 characters')
      if (!TENANT_ID.test(id)) throw new AdminInvalid(`tenant id '${id}': lowercase letters, digits, _ and - only`)
      const created = await insertTenant(pool, id, trimmed)
      if (created === undefined) throw new AdminInvalid(`a tenant with id '${id}' or name '${trimmed}' exists`)
      return created
    },
    listTenants: () => selectTenants(pool),
    async addTransmitter(tenantId, transmitter) {
      if (!TRANSMITTER.test(transmitter)) {
        throw new AdminInvalid(`transmitter '${transmitter}': IdPaese and IdCodice, e.g. IT01234567890`)
      }
      await insertTransmitter(pool, (await tenant(tenantId)).id, transmitter)
    },
    async removeTransmitter(tenantId, transmitter) {
      return deleteTransmitter(pool, (await tenant(tenantId)).id, transmitter)
    },
    async listTransmitters(tenantId) {
      return selectTransmitters(pool, (await tenant(tenantId)).id)
    },
    async createKey(tenantId, label) {
      if (label !== undefined && label.length > 200) throw new AdminInvalid('a key label has at most 200 characters')
      const owner = await tenant(tenantId)
      const key = generateApiKey()
      const record = await insertKey(pool, {
        id: randomUUID(),
        tenantId: owner.id,
        hash: hashApiKey(key),
        hint: keyHint(key),
        label: label ?? null,
      })
      return { key, record }
    },
    async listKeys(tenantId) {
      return selectKeys(pool, (await tenant(tenantId)).id)
    },
    async revokeKey(keyId) {
      const revoked = UUID.test(keyId) ? await revokeKeyRow(pool, keyId) : undefined
      if (revoked === undefined) throw new KeyNotFound(keyId)
      return revoked
    },
  }
}
