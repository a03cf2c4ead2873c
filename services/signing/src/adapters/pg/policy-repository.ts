import { schemaName, type Queryable } from '@varco/db'
import { assertNever } from '@varco/errors'
import type { IdentityRecord, IdentitySpec } from '../../domain/identities.ts'
import { DEFAULT_POLICY, type Fpr12Mode, type SignatureFormat, type SigningPolicy } from '../../domain/policy.ts'

// The only module that reads and writes the policies and identities tables.

interface PolicyRow {
  fpa12_format: SignatureFormat
  fpr12_mode: Fpr12Mode
}

interface IdentityRow {
  id: string
  version: number
  tenant_id: string
  transmitter: string | null
  kind: IdentitySpec['kind']
  key_file: string | null
  certificate_file: string | null
  pkcs11_module: string | null
  token_label: string | null
  key_label: string | null
  secret_name: string | null
}

const IDENTITY_COLUMNS = `id, version, tenant_id, transmitter, kind, key_file, certificate_file, pkcs11_module,
  token_label, key_label, secret_name`

const optional = (value: string | null): string | undefined => value ?? undefined

// The table's CHECK constraints guarantee the columns each kind needs.
function specOf(row: IdentityRow): IdentitySpec {
  switch (row.kind) {
    case 'pkcs12':
      return { kind: 'pkcs12', file: row.key_file!, passwordSecret: row.secret_name! }
    case 'pem':
      return {
        kind: 'pem',
        keyFile: row.key_file!,
        certificateFile: row.certificate_file!,
        passphraseSecret: optional(row.secret_name),
      }
    case 'pkcs11':
      return {
        kind: 'pkcs11',
        module: optional(row.pkcs11_module),
        tokenLabel: row.token_label!,
        keyLabel: row.key_label!,
        pinSecret: row.secret_name!,
        certificateFile: optional(row.certificate_file),
      }
    default:
      return assertNever(row.kind, 'identity kind')
  }
}

function recordOf(row: IdentityRow): IdentityRecord {
  return { id: row.id, version: row.version, tenantId: row.tenant_id, transmitter: row.transmitter, spec: specOf(row) }
}

function columnsOf(spec: IdentitySpec): (string | null)[] {
  switch (spec.kind) {
    case 'pkcs12':
      return [spec.file, null, null, null, null, spec.passwordSecret]
    case 'pem':
      return [spec.keyFile, spec.certificateFile, null, null, null, spec.passphraseSecret ?? null]
    case 'pkcs11':
      return [null, spec.certificateFile ?? null, spec.module ?? null, spec.tokenLabel, spec.keyLabel, spec.pinSecret]
    default:
      return assertNever(spec, 'identity kind')
  }
}

/** The tenant's policy, or the default one when it configured none. */
export async function findPolicy(db: Queryable, schema: string, tenantId: string): Promise<SigningPolicy> {
  const { rows } = await db.query<PolicyRow>(
    `SELECT fpa12_format, fpr12_mode FROM ${schemaName(schema)}.policies WHERE tenant_id = $1`,
    [tenantId],
  )
  const row = rows[0]
  return row === undefined ? DEFAULT_POLICY : { fpa12: row.fpa12_format, fpr12: row.fpr12_mode }
}

export async function upsertPolicy(
  db: Queryable,
  schema: string,
  tenantId: string,
  policy: SigningPolicy,
): Promise<void> {
  await db.query(
    `INSERT INTO ${schemaName(schema)}.policies AS p (tenant_id, fpa12_format, fpr12_mode) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id) DO UPDATE
       SET fpa12_format = EXCLUDED.fpa12_format, fpr12_mode = EXCLUDED.fpr12_mode, updated_at = now()`,
    [tenantId, policy.fpa12, policy.fpr12],
  )
}

/** The identities that may sign for `transmitter`: its own and the tenant's default (pickIdentity chooses). */
export async function findIdentityCandidates(
  db: Queryable,
  schema: string,
  tenantId: string,
  transmitter: string,
): Promise<IdentityRecord[]> {
  const { rows } = await db.query<IdentityRow>(
    `SELECT ${IDENTITY_COLUMNS} FROM ${schemaName(schema)}.identities
     WHERE tenant_id = $1 AND (transmitter = $2 OR transmitter IS NULL)`,
    [tenantId, transmitter],
  )
  return rows.map(recordOf)
}

/** Every identity of a tenant, its default first. */
export async function listIdentities(db: Queryable, schema: string, tenantId: string): Promise<IdentityRecord[]> {
  const { rows } = await db.query<IdentityRow>(
    `SELECT ${IDENTITY_COLUMNS} FROM ${schemaName(schema)}.identities
     WHERE tenant_id = $1 ORDER BY transmitter NULLS FIRST`,
    [tenantId],
  )
  return rows.map(recordOf)
}

/** Creates or replaces the identity of (tenant, transmitter); a replacement gets a new version. */
export async function upsertIdentity(
  db: Queryable,
  schema: string,
  tenantId: string,
  transmitter: string | null,
  spec: IdentitySpec,
): Promise<IdentityRecord> {
  const { rows } = await db.query<IdentityRow>(
    `INSERT INTO ${schemaName(schema)}.identities AS i (tenant_id, transmitter, kind, key_file, certificate_file,
       pkcs11_module, token_label, key_label, secret_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, transmitter) DO UPDATE
       SET kind = EXCLUDED.kind, key_file = EXCLUDED.key_file, certificate_file = EXCLUDED.certificate_file,
           pkcs11_module = EXCLUDED.pkcs11_module, token_label = EXCLUDED.token_label,
           key_label = EXCLUDED.key_label, secret_name = EXCLUDED.secret_name,
           version = i.version + 1, updated_at = now()
     RETURNING ${IDENTITY_COLUMNS}`,
    [tenantId, transmitter, spec.kind, ...columnsOf(spec)],
  )
  return recordOf(rows[0]!)
}

/** Removes the identity of (tenant, transmitter); says whether there was one. */
export async function deleteIdentity(
  db: Queryable,
  schema: string,
  tenantId: string,
  transmitter: string | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `DELETE FROM ${schemaName(schema)}.identities WHERE tenant_id = $1 AND transmitter IS NOT DISTINCT FROM $2`,
    [tenantId, transmitter],
  )
  return rowCount === 1
}
