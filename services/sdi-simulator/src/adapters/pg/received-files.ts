import type { Queryable } from '@varco/db'
import type { SdiError } from '@varco/fatturapa'
import { sniffFormato } from '../../domain/formato.ts'
import type { PlannedStep } from '../../domain/plan.ts'
import type { IntakeVerdict, SubmittedFile } from '../../domain/submitted-file.ts'

export interface ReceivedFile {
  readonly identificativoSdI: string
  readonly receivedAt: Date
}

/** Records a received file and its verdict; an accepted file also records its invoices, for 00404. */
export async function recordReceivedFile(
  tx: Queryable,
  schema: string,
  file: SubmittedFile & ReceivedFile & { readonly sha256: string },
  verdict: IntakeVerdict,
): Promise<void> {
  const accepted = verdict.accepted
  await tx.query(
    `INSERT INTO ${schema}.received_files
       (identificativo_sdi, file_name, received_at, size, sha256, accepted, formato, recipient_code, recipient_name,
        errors, file)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      file.identificativoSdI,
      file.name,
      file.receivedAt,
      file.bytes.byteLength,
      file.sha256,
      accepted,
      accepted ? verdict.formato : sniffFormato(file.bytes),
      accepted ? verdict.recipient.code : null,
      accepted ? verdict.recipient.name : null,
      JSON.stringify(accepted ? [] : verdict.errors),
      file.bytes,
    ],
  )
  if (accepted && verdict.invoiceKeys.length > 0) {
    await tx.query(
      `INSERT INTO ${schema}.invoice_keys (invoice_key, identificativo_sdi) SELECT unnest($1::text[]), $2
       ON CONFLICT (invoice_key) DO UPDATE SET identificativo_sdi = EXCLUDED.identificativo_sdi, active = true`,
      [verdict.invoiceKeys, file.identificativoSdI],
    )
  }
}

/** Plans the messages about a file: an NS at once for a rejected one, the scripted steps for an accepted one. */
export async function planMessages(
  tx: Queryable,
  schema: string,
  file: ReceivedFile,
  steps: readonly PlannedStep[],
): Promise<void> {
  for (const step of steps) {
    await tx.query(
      `INSERT INTO ${schema}.outgoing_messages (identificativo_sdi, kind, esito, due_at) VALUES ($1, $2, $3, $4)`,
      [file.identificativoSdI, step.message, step.esito ?? null, new Date(file.receivedAt.getTime() + step.afterMs)],
    )
  }
}

/** The errors of a rejected file, as recorded. */
export async function errorsOf(tx: Queryable, schema: string, identificativoSdI: string): Promise<SdiError[]> {
  const { rows } = await tx.query<{ errors: SdiError[] }>(
    `SELECT errors FROM ${schema}.received_files WHERE identificativo_sdi = $1`,
    [identificativoSdI],
  )
  return rows[0]?.errors ?? []
}

/** Plans the delivery of an accepted file to its recipient's RicezioneFatture endpoint. */
export async function planDelivery(
  tx: Queryable,
  schema: string,
  file: ReceivedFile,
  endpoint: string,
  dueAt: Date,
): Promise<void> {
  await tx.query(`INSERT INTO ${schema}.deliveries (identificativo_sdi, endpoint, due_at) VALUES ($1, $2, $3)`, [
    file.identificativoSdI,
    endpoint,
    dueAt,
  ])
}
