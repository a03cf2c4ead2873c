import type { Queryable } from '@varco/db'

// The only module that reads and writes tenants, their transmitters and their API keys.

export interface TenantRecord {
  readonly id: string
  readonly name: string
  readonly createdAt: string
}

export interface ApiKeyRecord {
  readonly id: string
  readonly tenantId: string
  readonly hint: string
  readonly label: string | null
  readonly createdAt: string
  readonly revokedAt: string | null
}

/** Who a request is: the tenant of the API key it carried, and which key. */
export interface Principal {
  readonly tenantId: string
  readonly keyId: string
}

interface TenantRow {
  id: string
  name: string
  created_at: Date
}

interface KeyRow {
  id: string
  tenant_id: string
  hint: string
  label: string | null
  created_at: Date
  revoked_at: Date | null
}

const tenantOf = (row: TenantRow): TenantRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
})

const keyOf = (row: KeyRow): ApiKeyRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  hint: row.hint,
  label: row.label,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
})

/** Inserts a tenant; undefined when the id or the name is taken. */
export async function insertTenant(db: Queryable, id: string, name: string): Promise<TenantRecord | undefined> {
  const { rows } = await db.query<TenantRow>(
    `INSERT INTO ingest.tenants (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id, name, created_at`,
    [id, name],
  )
  return rows[0] && tenantOf(rows[0])
}

export async function findTenant(db: Queryable, id: string): Promise<TenantRecord | undefined> {
  const { rows } = await db.query<TenantRow>('SELECT id, name, created_at FROM ingest.tenants WHERE id = $1', [id])
  return rows[0] && tenantOf(rows[0])
}

export async function selectTenants(db: Queryable): Promise<TenantRecord[]> {
  const { rows } = await db.query<TenantRow>('SELECT id, name, created_at FROM ingest.tenants ORDER BY id')
  return rows.map(tenantOf)
}

export async function insertTransmitter(db: Queryable, tenantId: string, transmitter: string): Promise<void> {
  await db.query('INSERT INTO ingest.transmitters (tenant_id, transmitter) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    tenantId,
    transmitter,
  ])
}

export async function deleteTransmitter(db: Queryable, tenantId: string, transmitter: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM ingest.transmitters WHERE tenant_id = $1 AND transmitter = $2', [
    tenantId,
    transmitter,
  ])
  return rowCount === 1
}

export async function selectTransmitters(db: Queryable, tenantId: string): Promise<string[]> {
  const { rows } = await db.query<{ transmitter: string }>(
    'SELECT transmitter FROM ingest.transmitters WHERE tenant_id = $1 ORDER BY transmitter',
    [tenantId],
  )
  return rows.map((row) => row.transmitter)
}

export async function holdsTransmitter(db: Queryable, tenantId: string, transmitter: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM ingest.transmitters WHERE tenant_id = $1 AND transmitter = $2', [
    tenantId,
    transmitter,
  ])
  return rowCount === 1
}

export interface NewKey {
  readonly id: string
  readonly tenantId: string
  readonly hash: Buffer
  readonly hint: string
  readonly label: string | null
}

export async function insertKey(db: Queryable, key: NewKey): Promise<ApiKeyRecord> {
  const { rows } = await db.query<KeyRow>(
    `INSERT INTO ingest.api_keys (id, tenant_id, key_hash, hint, label) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, tenant_id, hint, label, created_at, revoked_at`,
    [key.id, key.tenantId, key.hash, key.hint, key.label],
  )
  return keyOf(rows[0]!)
}

/** Revokes a key (idempotent: a revoked key keeps its first revocation time); undefined when there is no such key. */
export async function revokeKeyRow(db: Queryable, id: string): Promise<ApiKeyRecord | undefined> {
  const { rows } = await db.query<KeyRow>(
    `UPDATE ingest.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
     RETURNING id, tenant_id, hint, label, created_at, revoked_at`,
    [id],
  )
  return rows[0] && keyOf(rows[0])
}

export async function selectKeys(db: Queryable, tenantId: string): Promise<ApiKeyRecord[]> {
  const { rows } = await db.query<KeyRow>(
    `SELECT id, tenant_id, hint, label, created_at, revoked_at FROM ingest.api_keys WHERE tenant_id = $1
     ORDER BY created_at, id`,
    [tenantId],
  )
  return rows.map(keyOf)
}

/** The principal of a live key with this hash; undefined for an unknown or revoked key. */
export async function findPrincipal(db: Queryable, hash: Buffer): Promise<Principal | undefined> {
  const { rows } = await db.query<{ id: string; tenant_id: string }>(
    'SELECT id, tenant_id FROM ingest.api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [hash],
  )
  const row = rows[0]
  return row && { tenantId: row.tenant_id, keyId: row.id }
}
