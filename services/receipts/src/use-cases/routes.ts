import type pg from 'pg'
import { withTransaction } from '@varco/db'
import { checkRoute, routeFor } from '../domain/routing.ts'
import { RouteExists, RouteInvalid, RouteNotFound } from '../errors.ts'
import { heldIncoming, listHeldIncoming } from '../adapters/pg/incoming-files.ts'
import { lockMatching } from '../adapters/pg/matching-locks.ts'
import { deleteRoute, insertRoute, listRoutes, lockRoutes, routesFor, type StoredRoute } from '../adapters/pg/routes.ts'
import { emitIncoming } from './emit-incoming.ts'

export interface RoutesDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly source: string
}

export interface RouteInput {
  readonly codiceDestinatario: string
  readonly tenantId: string
  readonly vatNumber?: string | undefined
  readonly codiceFiscale?: string | undefined
}

/**
 * Adds a route and, in the same transaction, releases the held invoices it now routes: each gets its
 * invoice.incoming (with heldSince) in the outbox, and the DTs that waited for it follow.
 */
export async function addRoute(
  deps: RoutesDeps,
  input: RouteInput,
): Promise<{ route: StoredRoute; released: string[] }> {
  const checked = checkRoute(input)
  if (!checked.ok) throw new RouteInvalid(checked.reason)
  const wanted = checked.route
  return withTransaction(deps.pool, async (tx) => {
    await lockRoutes(tx, 'change')
    const route = await insertRoute(tx, deps.schema, wanted)
    if (route === undefined) {
      const buyer = wanted.vatNumber ?? wanted.codiceFiscale
      throw new RouteExists(`${wanted.codiceDestinatario}${buyer === undefined ? '' : ` ${buyer}`}`)
    }
    const released: string[] = []
    for (const held of await heldIncoming(tx, deps.schema, route.codiceDestinatario)) {
      const chosen = routeFor(await routesFor(tx, deps.schema, held.recipient.codes), held.recipient)
      if (chosen === undefined) continue
      await lockMatching(tx, [`incoming:${held.data.identificativoSdI}`])
      await emitIncoming(
        tx,
        deps,
        { invoiceId: held.invoiceId, tenantId: chosen.tenantId, data: held.data },
        held.receivedAt,
      )
      released.push(held.invoiceId)
    }
    return { route, released }
  })
}

/** Removes a route; invoices routed by it stay with their tenant, later ones are held unless another route applies. */
export async function removeRoute(deps: RoutesDeps, id: string): Promise<StoredRoute> {
  return withTransaction(deps.pool, async (tx) => {
    await lockRoutes(tx, 'change')
    const removed = await deleteRoute(tx, deps.schema, id)
    if (removed === undefined) throw new RouteNotFound(id)
    return removed
  })
}

export const routesList = (deps: RoutesDeps): Promise<StoredRoute[]> => listRoutes(deps.pool, deps.schema)

/** The incoming invoices not emitted: held for a route, or kept unverified or unreadable. */
export const heldList = (deps: RoutesDeps): Promise<unknown[]> => listHeldIncoming(deps.pool, deps.schema)
