import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type pg from 'pg'
import { invoiceReceived, type InvoiceReceived } from '@varco/contracts'
import { createLogger, type Logger } from '@varco/observability'

export const silentLogger: Logger = createLogger({ name: 'test', level: 'silent' })

export const harness = {
  relay: resolve(import.meta.dirname, 'harness/relay-main.ts'),
  consumer: resolve(import.meta.dirname, 'harness/consumer-main.ts'),
}

/** A valid invoice.received event with unique ids. */
export function anInvoiceReceived(): InvoiceReceived {
  return invoiceReceived.create({
    source: 'test',
    tenantId: 'tenant-1',
    invoiceId: randomUUID(),
    correlationId: randomUUID(),
    data: { document: { sha256: 'c'.repeat(64), size: 3, mediaType: 'application/xml' }, receivedVia: 'api' },
  })
}

/** The table the harness consumer writes one row into per applied event (no unique key: duplicates would show). */
export async function createEffectsTable(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`CREATE TABLE ${schema}.effects (event_id uuid NOT NULL, invoice_id text NOT NULL)`)
}

export async function effectCounts(pool: pg.Pool, schema: string): Promise<{ total: number; distinct: number }> {
  const { rows } = await pool.query<{ total: string; distinct: string }>(
    `SELECT count(*) AS total, count(DISTINCT event_id) AS distinct FROM ${schema}.effects`,
  )
  return { total: Number(rows[0]!.total), distinct: Number(rows[0]!.distinct) }
}

/** A JSON log line with this `msg`. */
export const logLine = (msg: string) => (line: string) => line.includes(`"msg":"${msg}"`)
