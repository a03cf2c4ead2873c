import { parseArgs } from 'node:util'
import { CliUsageError } from '../errors.ts'
import { readInput, STDOUT, writeOutput } from '../files.ts'
import { defaultExtractedName } from '../formats.ts'
import { ExitCode, type CliIo } from '../io.ts'
import { contentOf } from '../p7m.ts'
import { runCommand } from '../report.ts'

const command = { name: 'extract', usage: 'varco extract FILE.p7m [OUT|-]' }

function parse(args: readonly string[]): { readonly file: string; readonly output: string } {
  const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} })
  const [file, named, ...extra] = positionals
  if (file === undefined) throw new CliUsageError('name the .p7m to extract')
  if (extra.length > 0) throw new CliUsageError(`one .p7m and at most one output, not ${positionals.length} files`)
  const output = named ?? defaultExtractedName(file)
  if (output === undefined) throw new CliUsageError(`${file} does not end in .p7m: name OUT (or - for stdout)`)
  if (output === file) throw new CliUsageError('the output would overwrite the input: name another OUT')
  return { file, output }
}

/** `varco extract`: the signed content of a .p7m (DER or base64), byte for byte, without verifying the signature. */
export function extractCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, command, async () => {
    const { file, output } = parse(args)
    const content = contentOf(file, await readInput(io, file))
    await writeOutput(io, output, content)
    if (output !== STDOUT) {
      io.stdout(`extracted  ${file} -> ${output} (${content.length} bytes; signature not verified: see varco verify)\n`)
    }
    return ExitCode.ok
  })
}
