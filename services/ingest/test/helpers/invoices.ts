import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { DocumentRef } from '@varco/contracts'
import { validSampleInvoice } from '@varco/testing'
import type { IngestDatabase, TestTenant } from './app-harness.ts'
import { eventsFor } from './events.ts'
import { postInvoice, type AcceptedBody, type InvoiceBody } from './requests.ts'

/** The sample invoice (FPR12 by default) with a number of its own, as XML. */
export function sampleWithNumber(number: string, sample = 'IT01234567890_FPR01.xml'): string {
  return validSampleInvoice(sample).replace(/<Numero>[^<]*<\/Numero>/, `<Numero>${number}</Numero>`)
}

export interface SubmittedInvoice {
  readonly id: string
  readonly number: string
  readonly document: DocumentRef
  readonly events: ReturnType<typeof eventsFor>
}

/** Submits a sample invoice with a fresh number; returns its id, stored document and the builders of its events. */
export async function submitSample(
  app: FastifyInstance,
  database: IngestDatabase,
  tenant: TestTenant,
  sample?: string,
): Promise<SubmittedInvoice> {
  const number = `P-${randomUUID().slice(0, 8)}`
  const response = await postInvoice(app, tenant, sampleWithNumber(number, sample), 'application/xml')
  if (response.statusCode !== 202) throw new Error(`submission refused: ${response.body}`)
  const { id } = response.json<AcceptedBody>()
  const { rows } = await database.pool.query<{ payload: string }>(
    'SELECT payload FROM ingest.outbox WHERE message_key = $1',
    [id],
  )
  const document = (JSON.parse(rows[0]!.payload) as { data: { document: DocumentRef } }).data.document
  return { id, number, document, events: eventsFor(tenant.id, id, document) }
}

/** GET /v1/invoices/{id} as the tenant sees it. */
export async function invoiceView<T = InvoiceBody>(app: FastifyInstance, tenant: TestTenant, id: string): Promise<T> {
  return (await app.inject({ method: 'GET', url: `/v1/invoices/${id}`, headers: tenant.auth })).json<T>()
}
