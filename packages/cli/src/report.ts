import { errorCode, errorMessage } from '@varco/errors'
import { ExitCode, type CliIo } from './io.ts'

// node:util parseArgs throws these for unknown options, missing values and stray positionals.
const isUsage = (code: string): boolean => code === 'CLI_ERR_USAGE' || code.startsWith('ERR_PARSE_ARGS_')

/**
 * Runs a command's body and turns what it throws into one line on stderr and an exit code: 2 with the usage line for
 * a command-line mistake, 1 for anything else. Never a stack trace: the coded errors' messages say what is wrong.
 */
export async function runCommand(
  io: CliIo,
  command: { readonly name: string; readonly usage: string },
  body: () => Promise<ExitCode>,
): Promise<ExitCode> {
  try {
    return await body()
  } catch (err) {
    const code = errorCode(err)
    if (isUsage(code)) {
      io.stderr(`varco ${command.name}: ${errorMessage(err)}\nUsage: ${command.usage}\n`)
      return ExitCode.usage
    }
    // The signature package's codes (SIG_ERR_IDENTITY, ...) are worth quoting when asking for help; ours add nothing.
    const suffix = code.startsWith('SIG_ERR_') ? ` (${code})` : ''
    io.stderr(`varco ${command.name}: ${errorMessage(err)}${suffix}\n`)
    return ExitCode.invalid
  }
}
