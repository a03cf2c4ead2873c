import { errorMessage } from '@varco/errors'
import { readCertificates, trustStoreFrom, type TrustStore } from '@varco/signature'
import { CliTrustError } from './errors.ts'
import { readInput } from './files.ts'
import type { CliIo } from './io.ts'

/**
 * The trust store from --trust files (PEM bundles, several CAs per file, or DER). Each file is checked on its own so
 * that the error names it: a file that trusts nothing is a mistake, never silently ignored.
 */
export async function loadTrust(io: CliIo, files: readonly string[]): Promise<TrustStore> {
  const entries: Buffer[] = []
  for (const file of files) {
    const bytes = await readInput(io, file, `--trust ${file}`)
    let count: number
    try {
      count = readCertificates(bytes).length
    } catch (err) {
      throw new CliTrustError(file, `unreadable certificate (${errorMessage(err)})`)
    }
    if (count === 0) throw new CliTrustError(file, 'no certificate in the file (PEM or DER expected)')
    entries.push(bytes)
  }
  return trustStoreFrom(entries)
}
