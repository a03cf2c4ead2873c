/**
 * Everything a command touches outside itself: the process's streams, files and environment, or a test's in-memory
 * ones. Commands never import node:fs or read process.env, so every path runs in a unit test.
 */
export interface CliIo {
  /** Text, or bytes for content written to standard output (`varco extract f.p7m -`). */
  readonly stdout: (data: string | Uint8Array) => void
  readonly stderr: (text: string) => void
  readonly readFile: (path: string) => Promise<Buffer>
  readonly writeFile: (path: string, data: Uint8Array) => Promise<void>
  /** An environment variable: where `varco sign` finds passwords, never on the command line. */
  readonly env: (name: string) => string | undefined
  readonly now: () => Date
}

/** Exit codes: 0 all good, 1 a file has errors (or a signature is not valid), 2 the command line itself is wrong. */
export const ExitCode = { ok: 0, invalid: 1, usage: 2 } as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
