import type { Queryable } from '@varco/db'
import type { IntakeRegistry } from '../../domain/submitted-file.ts'
import type { OutcomeScript } from '../../domain/plan.ts'

/** SdI's registries as the simulator keeps them, read inside the intake's transaction. */
export function pgRegistry(
  tx: Queryable,
  schema: string,
  options: { readonly acceptUnknownCodes: boolean },
): IntakeRegistry {
  return {
    fileNameSeen: async (name) => {
      const { rowCount } = await tx.query(`SELECT 1 FROM ${schema}.received_files WHERE file_name = $1 LIMIT 1`, [name])
      return (rowCount ?? 0) > 0
    },
    invoiceAccepted: async (key) => {
      const sql = `SELECT 1 FROM ${schema}.invoice_keys WHERE invoice_key = $1 AND active`
      return ((await tx.query(sql, [key])).rowCount ?? 0) > 0
    },
    recipient: async (code) => {
      const { rows } = await tx.query<{ name: string; endpoint: string | null }>(
        `SELECT name, endpoint FROM ${schema}.recipients WHERE code = $1`,
        [code],
      )
      const row = rows[0]
      if (row !== undefined)
        return row.endpoint === null ? { code, name: row.name } : { code, name: row.name, endpoint: row.endpoint }
      // A simulator nobody configured should still deliver: every code is a recipient unless told otherwise.
      return options.acceptUnknownCodes ? { code, name: `Destinatario ${code}` } : undefined
    },
  }
}

/** The scripted outcome for a file: by its name, else by its recipient code, else undefined (the default applies). */
export async function scriptFor(
  tx: Queryable,
  schema: string,
  fileName: string,
  recipientCode: string,
): Promise<OutcomeScript | undefined> {
  const { rows } = await tx.query<OutcomeScript>(
    `SELECT delivery, esito FROM ${schema}.outcome_scripts
      WHERE (scope = 'file' AND match = $1) OR (scope = 'recipient' AND match = $2)
      ORDER BY scope = 'file' DESC LIMIT 1`,
    [fileName, recipientCode],
  )
  return rows[0]
}
