import type { Queryable } from '@varco/db'

/** One call SdI made, as the audit trail keeps it. */
export interface SdiCall {
  readonly receivedAt: Date
  readonly service: string
  readonly operation: string
  readonly nomeFile: string
  readonly identificativoSdI: string
  readonly sha256: string
  readonly size: number
  readonly metadataNomeFile?: string | undefined
  readonly metadataSha256?: string | undefined
  readonly mtom: boolean
  readonly peerFingerprint?: string | undefined
}

type Verdict = 'accepted' | 'duplicate' | 'refused'

const INSERT = (schema: string, onConflict: string) => `
  INSERT INTO ${schema}.sdi_calls (received_at, service, operation, nome_file, identificativo_sdi, sha256, size,
                                  metadata_nome_file, metadata_sha256, mtom, peer_fingerprint, verdict, reason)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ${onConflict}
  RETURNING id`

function values(call: SdiCall, verdict: Verdict, reason: string | undefined): unknown[] {
  return [
    call.receivedAt,
    call.service,
    call.operation,
    call.nomeFile,
    call.identificativoSdI,
    call.sha256,
    call.size,
    call.metadataNomeFile ?? null,
    call.metadataSha256 ?? null,
    call.mtom,
    call.peerFingerprint ?? null,
    verdict,
    reason?.slice(0, 2000) ?? null,
  ]
}

/** Records a call with its verdict (a refusal with its reason); returns its id. */
export async function recordCall(
  tx: Queryable,
  schema: string,
  call: SdiCall,
  verdict: Verdict,
  reason?: string,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(INSERT(schema, ''), values(call, verdict, reason))
  return rows[0]!.id
}

/**
 * Records a call as accepted unless the same operation, file name and bytes were accepted before: then it is
 * recorded as a duplicate and undefined is returned, and the caller has no effect. A concurrent copy waits for the
 * first one's transaction, so exactly one of them is accepted.
 */
export async function acceptCall(tx: Queryable, schema: string, call: SdiCall): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    INSERT(schema, `ON CONFLICT (operation, nome_file, sha256) WHERE verdict = 'accepted' DO NOTHING`),
    values(call, 'accepted', undefined),
  )
  if (rows[0] !== undefined) return rows[0].id
  await recordCall(tx, schema, call, 'duplicate')
  return undefined
}
