import { CliReadError, CliWriteError } from './errors.ts'
import type { CliIo } from './io.ts'

/** Where an output goes when its name is `-`: standard output, as in most Unix tools. */
export const STDOUT = '-'

/** A short reason for a failed file operation: the errno meaning for the common ones, else the message. */
export function fileErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  return err instanceof Error ? err.message : String(err)
}

/** Reads a file named on the command line; `what` says which one in the error (`--key key.pem`). */
export async function readInput(io: CliIo, path: string, what = path): Promise<Buffer> {
  try {
    return await io.readFile(path)
  } catch (err) {
    throw new CliReadError(what, fileErrorReason(err))
  }
}

/** Writes an output file, or standard output for `-`. */
export async function writeOutput(io: CliIo, path: string, data: Uint8Array): Promise<void> {
  if (path === STDOUT) return io.stdout(data)
  try {
    await io.writeFile(path, data)
  } catch (err) {
    throw new CliWriteError(path, fileErrorReason(err))
  }
}
