import type { Queryable } from '@varco/db'
import type { Route } from '../../domain/routing.ts'

export interface StoredRoute extends Route {
  readonly id: string
  readonly createdAt: string
}

interface Row {
  id: string
  codice_destinatario: string
  vat_number: string | null
  codice_fiscale: string | null
  tenant_id: string
  created_at: Date
}

const routeOf = (row: Row): StoredRoute => ({
  id: row.id,
  codiceDestinatario: row.codice_destinatario,
  ...(row.vat_number === null ? {} : { vatNumber: row.vat_number }),
  ...(row.codice_fiscale === null ? {} : { codiceFiscale: row.codice_fiscale }),
  tenantId: row.tenant_id,
  createdAt: row.created_at.toISOString(),
})

/**
 * Routing reads the routes under a shared lock, and changing them takes it exclusively: an invoice taken while a
 * route is added is either routed by it or seen, held, by the addition, which releases it.
 */
export async function lockRoutes(tx: Queryable, mode: 'read' | 'change'): Promise<void> {
  const lock = mode === 'read' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'
  await tx.query(`SELECT ${lock}(hashtextextended('receipts:routes', 0))`)
}

/** The routes for any of these codes. */
export async function routesFor(tx: Queryable, schema: string, codes: readonly string[]): Promise<StoredRoute[]> {
  const { rows } = await tx.query<Row>(
    `SELECT * FROM ${schema}.routes WHERE codice_destinatario = ANY($1) ORDER BY id`,
    [codes],
  )
  return rows.map(routeOf)
}

export async function listRoutes(tx: Queryable, schema: string): Promise<StoredRoute[]> {
  const { rows } = await tx.query<Row>(`SELECT * FROM ${schema}.routes ORDER BY codice_destinatario, id`)
  return rows.map(routeOf)
}

/** Adds a route; undefined when the same code and buyer are routed already. */
export async function insertRoute(tx: Queryable, schema: string, route: Route): Promise<StoredRoute | undefined> {
  const { rows } = await tx.query<Row>(
    `INSERT INTO ${schema}.routes (codice_destinatario, vat_number, codice_fiscale, tenant_id)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING *`,
    [route.codiceDestinatario, route.vatNumber ?? null, route.codiceFiscale ?? null, route.tenantId],
  )
  return rows[0] === undefined ? undefined : routeOf(rows[0])
}

export async function deleteRoute(tx: Queryable, schema: string, id: string): Promise<StoredRoute | undefined> {
  if (!/^[0-9]{1,18}$/.test(id)) return undefined
  const { rows } = await tx.query<Row>(`DELETE FROM ${schema}.routes WHERE id = $1 RETURNING *`, [id])
  return rows[0] === undefined ? undefined : routeOf(rows[0])
}
