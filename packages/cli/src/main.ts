import { readFile } from 'node:fs/promises'
import { validateCommand } from './commands/validate.ts'
import { ExitCode, type CliIo } from './io.ts'

const USAGE = `Usage: varco <command> [options]

Commands:
  validate [--json] [--lang it|en] [--received-at YYYY-MM-DD] FILE...
      Check FatturaPA files (.xml, .xml.p7m) as SdI would; print each error with its SdI code.
      Exit code 0 when every file is valid, 1 when one has errors, 2 on a usage error.
  help
      Show this text.
`

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path),
  now: () => new Date(),
}

/** Runs `varco` with the given arguments; resolves with the exit code. */
export async function main(args: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  const [command, ...rest] = args
  switch (command) {
    case 'validate':
      return validateCommand(rest, io)
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE)
      return command === undefined ? ExitCode.usage : ExitCode.ok
    default:
      io.stderr(`varco: unknown command '${command}'\n\n${USAGE}`)
      return ExitCode.usage
  }
}
