import { parseArgs } from 'node:util'
import { verifyFile } from '@varco/signature'
import { CliUsageError } from '../errors.ts'
import { readInput } from '../files.ts'
import { ExitCode, type CliIo } from '../io.ts'
import { parseInstant } from '../received-at.ts'
import { runCommand } from '../report.ts'
import { loadTrust } from '../trust.ts'
import { verdictJson, verdictText } from '../verdict-text.ts'

const command = { name: 'verify', usage: 'varco verify [--trust PEM]... [--received-at ISO] [--json] FILE' }

interface VerifyOptions {
  readonly trust: readonly string[]
  readonly receivedAt: Date | undefined
  readonly json: boolean
  readonly file: string
}

function parse(args: readonly string[]): VerifyOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      trust: { type: 'string', multiple: true, default: [] },
      'received-at': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const [file, ...extra] = positionals
  if (file === undefined) throw new CliUsageError('name the signed file to verify')
  if (extra.length > 0) throw new CliUsageError(`one file at a time, not ${positionals.length}`)
  const at = values['received-at']
  const receivedAt = at === undefined ? undefined : parseInstant(at, '--received-at')
  return { trust: values.trust, receivedAt, json: values.json, file }
}

/** `varco verify`: a CAdES or XAdES file's verdict with SdI's code; exit 0 only when valid and trusted. */
export function verifyCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, command, async () => {
    const options = parse(args)
    const trust = await loadTrust(io, options.trust)
    const signed = await readInput(io, options.file)
    const verdict = await verifyFile(signed, { trust, receivedAt: options.receivedAt ?? io.now() })
    const print = options.json ? verdictJson : verdictText
    io.stdout(print(options.file, verdict, trust.anchors.length))
    return verdict.valid ? ExitCode.ok : ExitCode.invalid
  })
}
