import type pg from 'pg'
import { nextInSequence, withTransaction, type Queryable } from '@varco/db'
import { messageFileName, parseSdiMessage, type PaNotificaEsitoCommittente, type SdiMessage } from '@varco/fatturapa'
import type { Signer } from '@varco/signature'
import { messageFile } from '../domain/message-file.ts'
import type { Windows } from '../domain/plan.ts'
import { deliveredAt } from '../adapters/pg/deliveries.ts'

export interface NotificaEsitoDeps {
  readonly pool: pg.Pool
  readonly schema: string
  readonly signer: Signer
  readonly windows: Windows
  readonly now: () => Date
}

/** What SdIRiceviNotifica answers: ES01 taken, or ES00 with the SE saying why not (EN00 format, EN01 not admissible). */
export type EsitoOutcome =
  | { readonly esito: 'ES01' }
  | { readonly esito: 'ES00'; readonly scarto: { readonly fileName: string; readonly file: Buffer } }

interface FileRow {
  file_name: string
  formato: 'FPA12' | 'FPR12' | null
  accepted: boolean
}

async function scartoEsito(
  tx: Queryable,
  deps: NotificaEsitoDeps,
  file: { id: string; name: string | undefined },
  scarto: 'EN00' | 'EN01',
  ec: PaNotificaEsitoCommittente | undefined,
): Promise<EsitoOutcome> {
  const messageId = String(await nextInSequence(tx, deps.schema, 'message-id'))
  const message: SdiMessage = {
    kind: 'SE',
    family: 'pa',
    root: 'ScartoEsitoCommittente',
    data: {
      versione: '1.0',
      IdentificativoSdI: file.id,
      ...(ec?.RiferimentoFattura === undefined ? {} : { RiferimentoFattura: ec.RiferimentoFattura }),
      Scarto: scarto,
      MessageId: messageId,
      ...(ec?.MessageIdCommittente === undefined ? {} : { MessageIdCommittente: ec.MessageIdCommittente }),
    },
  }
  const nnn = Number(await nextInSequence(tx, deps.schema, `messages:${file.id}`))
  const fileName =
    file.name === undefined
      ? `IT00000000000_00000_SE_${String(nnn).padStart(3, '0')}.xml`
      : messageFileName(file.name, 'SE', nnn)
  return { esito: 'ES00', scarto: { fileName, file: await messageFile(message, deps.signer) } }
}

/**
 * SdIRiceviNotifica.NotificaEsito: a public administration's outcome (EC) on an invoice delivered to it. Taken
 * (ES01) when it is a valid EC about an FPA12 file delivered less than 15 days before and not yet decided: the
 * transmitter then gets an NE carrying it, and the planned DT is cancelled. Otherwise ES00 with an SE: EN00 for an EC
 * that is not one, EN01 for one that comes too late, twice, or about a file it cannot concern.
 */
export function notificaEsito(deps: NotificaEsitoDeps, identificativoSdI: string, file: Buffer): Promise<EsitoOutcome> {
  return withTransaction(deps.pool, async (tx) => {
    const now = deps.now()
    const { rows } = await tx.query<FileRow>(
      `SELECT file_name, formato, accepted FROM ${deps.schema}.received_files WHERE identificativo_sdi = $1 FOR UPDATE`,
      [/^[0-9]{1,18}$/.test(identificativoSdI) ? identificativoSdI : '-1'],
    )
    const received = rows[0]
    const target = { id: identificativoSdI, name: received?.file_name }
    const parsed = parseSdiMessage(file)
    if (!parsed.ok || parsed.message.kind !== 'EC' || parsed.message.family !== 'pa') {
      return scartoEsito(tx, deps, target, 'EN00', undefined)
    }
    const ec = parsed.message.data
    if (received === undefined || !received.accepted || received.formato !== 'FPA12') {
      return scartoEsito(tx, deps, target, 'EN01', ec)
    }
    const delivered = await deliveredAt(tx, deps.schema, identificativoSdI)
    const decided = await tx.query(
      `SELECT 1 FROM ${deps.schema}.outgoing_messages
        WHERE identificativo_sdi = $1 AND kind IN ('NE', 'DT') AND cancelled_at IS NULL
          AND (kind = 'NE' OR due_at <= $2)`,
      [identificativoSdI, now],
    )
    const late = delivered === undefined || now.getTime() > delivered.getTime() + deps.windows.acceptanceMs
    if (late || (decided.rowCount ?? 0) > 0) return scartoEsito(tx, deps, target, 'EN01', ec)
    await tx.query(
      `UPDATE ${deps.schema}.outgoing_messages SET cancelled_at = $2
        WHERE identificativo_sdi = $1 AND kind = 'DT' AND sent_at IS NULL`,
      [identificativoSdI, now],
    )
    await tx.query(
      `INSERT INTO ${deps.schema}.outgoing_messages (identificativo_sdi, kind, esito, esito_committente, due_at)
       VALUES ($1, 'NE', $2, $3, $4)`,
      [identificativoSdI, ec.Esito, JSON.stringify(ec), now],
    )
    return { esito: 'ES01' }
  })
}
