import { errorMessage } from '@varco/errors'
import { extractCommand } from './commands/extract.ts'
import { signCommand } from './commands/sign.ts'
import { validateCommand } from './commands/validate.ts'
import { verifyCommand } from './commands/verify.ts'
import { ExitCode, type CliIo } from './io.ts'
import { processIo } from './process-io.ts'

const USAGE = `Usage: varco <command> [options]

Commands:
  validate [--json] [--lang it|en] [--received-at YYYY-MM-DD] [--trust PEM]... FILE...
      Check FatturaPA files (.xml, .xml.p7m) as SdI would; print each error with its SdI code. A .p7m (DER or
      base64) is opened and its invoice validated; with --trust, its signature is verified too (00100-00107).
  sign --format cades|xades (--p12 FILE [--password-env NAME] | --key PEM --cert PEM [--passphrase-env NAME]) IN [OUT]
      Sign IN: CAdES-BES writes OUT, by default IN.p7m; XAdES-BES (enveloped) writes OUT, by default IN with .xml
      replaced by .signed.xml (SdI's names are IT..._nnnnn.xml: rename it before sending, or name OUT). OUT - is
      stdout. Passwords come only from the environment: the .p12 password from VARCO_P12_PASSWORD, or the variable
      --password-env names; a PEM key's passphrase from the variable --passphrase-env names.
  verify [--trust PEM]... [--received-at ISO] [--json] FILE
      Verify a CAdES (.p7m) or XAdES (.xml) signature: verdict, signer, signing time and, when not valid, the SdI
      code (00100-00107) and every problem. Only the CAs in the --trust files are trusted: without --trust the
      verdict is at best 00104. --received-at is when SdI received the file (2026-11-23 or
      2026-11-23T10:15:00+01:00; default now).
  extract FILE.p7m [OUT|-]
      Write the content of a .p7m (DER or base64) to OUT, by default FILE without .p7m; - is stdout. The signature
      is not verified.
  help
      Show this text.

Exit codes: 0 success (valid files, a valid and trusted signature), 1 a file has errors, a signature is not valid or
a file cannot be read, signed or written, 2 the command line is wrong.
`

/** Runs `varco` with the given arguments; resolves with the exit code and never rejects. */
export async function main(args: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  const [command, ...rest] = args
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(rest, io)
      case 'sign':
        return await signCommand(rest, io)
      case 'verify':
        return await verifyCommand(rest, io)
      case 'extract':
        return await extractCommand(rest, io)
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
  } catch (err) {
    // The commands report their own errors; this is for a bug, which still gets one line rather than a stack.
    io.stderr(`varco: ${errorMessage(err)}\n`)
    return ExitCode.invalid
  }
}
