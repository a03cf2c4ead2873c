import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type pg from 'pg'
import { exampleInvoiceJson } from '../../src/routes/invoices/examples.ts'
import type { TestTenant } from './app-harness.ts'

export interface AcceptedBody {
  readonly id: string
  readonly status: string
  readonly statusUrl: string
  readonly transliterations?: ReadonlyArray<{ path: string; before: string; after: string }>
}

export interface InvoiceBody {
  readonly id: string
  readonly status: string
  readonly sdiFileName: string | null
  readonly errors: ReadonlyArray<{ code: string }>
  readonly timeline: ReadonlyArray<{ type: string; occurredAt: string }>
  readonly files: { readonly original: string; readonly signed: string | null }
}

/** POST /v1/invoices with a tenant's key. */
export function postInvoice(
  app: FastifyInstance,
  tenant: TestTenant,
  body: string | Buffer,
  contentType: string,
  query = '',
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/v1/invoices${query === '' ? '' : `?${query}`}`,
    headers: { ...tenant.auth, 'content-type': contentType, ...headers },
    payload: body,
  })
}

/** Rows in a table (tests only: the name is a constant of the test). */
export async function count(pool: pg.Pool, table: string, where = 'true', values: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, values)
  return rows[0]!.n
}

/** The example JSON invoice with another line description, as a request body. */
export function exampleJsonWith(description: string): string {
  const json = JSON.parse(JSON.stringify(exampleInvoiceJson)) as {
    FatturaElettronicaBody: Array<{ DatiBeniServizi: { DettaglioLinee: Array<{ Descrizione: string }> } }>
  }
  json.FatturaElettronicaBody[0]!.DatiBeniServizi.DettaglioLinee[0]!.Descrizione = description
  return JSON.stringify(json)
}
