import type pg from 'pg'
import {
  invoiceSigned,
  invoiceSigningFailed,
  type DocumentRef,
  type InvoiceSigned,
  type InvoiceSigningFailed,
  type InvoiceValidated,
} from '@varco/contracts'
import { enqueueEvents, handleOnce, nextInSequence } from '@varco/db'
import type { DocumentStore } from '@varco/documents'
import { invoiceFileName, progressiveFor, transmissionDeadline } from '@varco/fatturapa'
import type { Logger } from '@varco/observability'
import { findIdentityCandidates, findPolicy } from '../adapters/pg/policy-repository.ts'
import { insertSigning, isRecorded } from '../adapters/pg/signing-repository.ts'
import { transmitterKey } from '../domain/identities.ts'
import { prepareFile, type PreparedFile, type SignerPool } from '../domain/prepare-file.ts'

export interface InvoiceValidatedDeps {
  readonly pool: pg.Pool
  readonly documents: DocumentStore
  readonly signers: SignerPool
  /** This service's schema: policies, identities, signings, counters, outbox and inbox. */
  readonly schema: string
  /** The inbox's consumer name (the group id). */
  readonly consumer: string
  readonly now: () => Date
}

type Prepared = Exclude<PreparedFile, { kind: 'failed' }>

function headerOf(event: InvoiceValidated) {
  return {
    source: 'signing',
    tenantId: event.tenantId,
    invoiceId: event.invoiceId,
    correlationId: event.correlationId,
    causationId: event.id,
  }
}

/**
 * Names and records the file to transmit, inside the handling transaction. The progressive is drawn here, in the
 * transaction that stores the name with its record and event: a rollback hands the same value out again, so no
 * number is lost. Losing one would be harmless (SdI forbids reusing a name, 00002, not gaps), but drawing it here
 * also means a name exists only together with the file it names. The counter's row lock serialises one
 * transmitter's commits; the slow part (signing) is done before the transaction, and the lock is taken last.
 */
async function recordSigned(
  tx: pg.PoolClient,
  event: InvoiceValidated,
  prepared: Prepared,
  deps: InvoiceValidatedDeps,
): Promise<InvoiceSigned> {
  const { data } = event
  const signed: DocumentRef =
    prepared.kind === 'existing' ? prepared.ref : await deps.documents.put(prepared.bytes, prepared.mediaType, tx)
  const transmitter = transmitterKey(data.transmitter)
  const counter = await nextInSequence(tx, deps.schema, transmitter)
  const fileName = invoiceFileName({
    country: data.transmitter.country,
    transmitterId: data.transmitter.id,
    progressive: progressiveFor(counter),
    signed: prepared.format === 'cades',
  })
  const signedBy = prepared.kind === 'signed' ? 'gateway' : prepared.signedBy
  await insertSigning(tx, deps.schema, {
    outcome: 'signed',
    eventId: event.id,
    tenantId: event.tenantId,
    invoiceId: event.invoiceId,
    transmitter,
    document: data.document.sha256,
    fileName,
    format: prepared.format,
    signedBy,
    signed: signed.sha256,
    ...(prepared.kind === 'signed' ? { identityId: prepared.identity.id, signer: prepared.signer } : {}),
  })
  return invoiceSigned.create({
    ...headerOf(event),
    data: {
      document: data.document,
      signed,
      fileName,
      format: prepared.format,
      ...(signedBy === undefined ? {} : { signedBy }),
      ...(prepared.kind === 'signed'
        ? { signer: prepared.signer, signingTime: prepared.signingTime.toISOString() }
        : {}),
      transmitter: data.transmitter,
      transmitBy: transmitBy(data.documents),
    },
  })
}

/** The earliest deadline of a file's invoices: a lotto is transmitted whole. */
function transmitBy(documents: InvoiceValidated['data']['documents']): string {
  return documents.map((d) => transmissionDeadline(d.tipoDocumento, d.data)).sort()[0]!
}

async function recordFailed(
  tx: pg.PoolClient,
  event: InvoiceValidated,
  prepared: Extract<PreparedFile, { kind: 'failed' }>,
  deps: InvoiceValidatedDeps,
): Promise<InvoiceSigningFailed> {
  const { failure } = prepared
  await insertSigning(tx, deps.schema, {
    outcome: 'failed',
    eventId: event.id,
    tenantId: event.tenantId,
    invoiceId: event.invoiceId,
    transmitter: transmitterKey(event.data.transmitter),
    document: event.data.document.sha256,
    identityId: prepared.identity?.id,
    cause: failure.cause,
  })
  return invoiceSigningFailed.create({
    ...headerOf(event),
    data: { document: event.data.document, cause: failure.cause, message: failure.message, retriable: false },
  })
}

/**
 * Handles invoice.validated: signs the file as the tenant's policy says, names it, and emits invoice.signed (or
 * invoice.signing_failed). The file name, the signing row, the inbox row and the event commit in one transaction,
 * so a redelivered event gets no second name and no second event. A token that is away is thrown as a retriable
 * error: the consumer retries with backoff, and the invoice waits rather than fails.
 */
export async function onInvoiceValidated(
  event: InvoiceValidated,
  deps: InvoiceValidatedDeps,
  log: Logger,
): Promise<void> {
  // A redelivery of an event already handled skips the signing work; the inbox below is what guarantees it.
  if (await isRecorded(deps.pool, deps.schema, event.id)) {
    log.debug({ invoiceId: event.invoiceId }, 'invoice already signed; redelivery ignored')
    return
  }
  const policy = await findPolicy(deps.pool, deps.schema, event.tenantId)
  const prepared = await prepareFile(event, policy, {
    readDocument: async (sha256) => (await deps.documents.get(sha256)).bytes,
    identityCandidates: (tenantId, transmitter) =>
      findIdentityCandidates(deps.pool, deps.schema, tenantId, transmitter),
    signers: deps.signers,
    now: deps.now,
  })
  let outcome: InvoiceSigned | InvoiceSigningFailed | undefined
  const result = await handleOnce(
    deps.pool,
    { schema: deps.schema, consumer: deps.consumer, eventId: event.id },
    async (tx) => {
      outcome =
        prepared.kind === 'failed'
          ? await recordFailed(tx, event, prepared, deps)
          : await recordSigned(tx, event, prepared, deps)
      await enqueueEvents(tx, deps.schema, [outcome])
    },
  )
  if (result === 'duplicate' || outcome === undefined) {
    log.debug({ invoiceId: event.invoiceId }, 'invoice already signed; redelivery ignored')
  } else if (outcome.type === 'invoice.signed') {
    const { fileName, format, signedBy } = outcome.data
    log.info({ invoiceId: event.invoiceId, fileName, format, signedBy }, 'invoice signed')
  } else {
    const { cause } = outcome.data
    log.warn({ invoiceId: event.invoiceId, cause, reason: outcome.data.message }, 'invoice could not be signed')
  }
}
