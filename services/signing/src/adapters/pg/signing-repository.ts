import type { SigningFailureCause } from '@varco/contracts'
import { schemaName, type Queryable } from '@varco/db'
import type { SignatureFormat } from '../../domain/policy.ts'

// The only module that reads and writes the signings table: one row per invoice.validated event handled.

interface RecordBase {
  readonly eventId: string
  readonly tenantId: string
  readonly invoiceId: string
  readonly transmitter: string
  /** sha256 of the file as received. */
  readonly document: string
  readonly identityId?: string | undefined
}

export interface SignedRecord extends RecordBase {
  readonly outcome: 'signed'
  readonly fileName: string
  readonly format: SignatureFormat | 'none'
  readonly signedBy?: 'gateway' | 'vendor' | undefined
  /** sha256 of the file to transmit. */
  readonly signed: string
  readonly signer?: { readonly serial: string; readonly subject: string } | undefined
}

export interface FailedRecord extends RecordBase {
  readonly outcome: 'failed'
  readonly cause: SigningFailureCause
}

export type SigningRecord = SignedRecord | FailedRecord

/** Records the outcome of one event, inside the caller's transaction (with the inbox row and the outcome event). */
export async function insertSigning(tx: Queryable, schema: string, record: SigningRecord): Promise<void> {
  const signed = record.outcome === 'signed' ? record : undefined
  await tx.query(
    `INSERT INTO ${schemaName(schema)}.signings (event_id, tenant_id, invoice_id, transmitter, document, outcome,
       file_name, format, signed_by, signed, identity_id, signer_serial, signer_subject, cause)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      record.eventId,
      record.tenantId,
      record.invoiceId,
      record.transmitter,
      record.document,
      record.outcome,
      signed?.fileName ?? null,
      signed?.format ?? null,
      signed?.signedBy ?? null,
      signed?.signed ?? null,
      record.identityId ?? null,
      signed?.signer?.serial ?? null,
      signed?.signer?.subject ?? null,
      record.outcome === 'failed' ? record.cause : null,
    ],
  )
}

/** Whether the event was handled already: a redelivery then skips the signing work before the inbox says so. */
export async function isRecorded(db: Queryable, schema: string, eventId: string): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM ${schemaName(schema)}.signings WHERE event_id = $1`, [eventId])
  return rowCount === 1
}
