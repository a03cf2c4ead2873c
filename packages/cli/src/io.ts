/** Where a command reads files and writes its output: the process's, or a test's. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly readFile: (path: string) => Promise<Buffer>
  readonly now: () => Date
}

/** Exit codes: 0 all good, 1 a file has errors (or a signature is not valid), 2 the command line itself is wrong. */
export const ExitCode = { ok: 0, invalid: 1, usage: 2 } as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
