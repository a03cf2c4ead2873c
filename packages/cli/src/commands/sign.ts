import { parseArgs } from 'node:util'
import { signFile, type SignatureFormat } from '@varco/signature'
import { CliUsageError } from '../errors.ts'
import { readInput, STDOUT, writeOutput } from '../files.ts'
import { defaultSignedName, FORMAT_LABEL } from '../formats.ts'
import { DEFAULT_PASSWORD_ENV, loadIdentity, type IdentitySource } from '../identity.ts'
import { ExitCode, type CliIo } from '../io.ts'
import { runCommand } from '../report.ts'

const command = {
  name: 'sign',
  usage:
    'varco sign --format cades|xades (--p12 FILE [--password-env NAME] | --key PEM --cert PEM [--passphrase-env NAME]) IN [OUT]',
}

// Refused before parsing, whatever follows: a secret typed on the command line stays in the shell history and shows
// in `ps` to every user of the machine. The message names the option only, never what came with it.
const SECRET_OPTION = /^--?(password|passphrase|pass|passin|passout|pin)(?:=|$)/i

interface SignOptions {
  readonly format: SignatureFormat
  readonly identity: IdentitySource
  readonly input: string
  readonly output: string
}

const options = {
  format: { type: 'string' },
  p12: { type: 'string' },
  'password-env': { type: 'string' },
  key: { type: 'string' },
  cert: { type: 'string' },
  'passphrase-env': { type: 'string' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>['values']

function identityOf(values: Values): IdentitySource {
  const { p12, key, cert } = values
  if (p12 !== undefined) {
    if (key !== undefined || cert !== undefined || values['passphrase-env'] !== undefined) {
      throw new CliUsageError('--p12 goes alone: not with --key, --cert or --passphrase-env')
    }
    return { kind: 'pkcs12', file: p12, passwordEnv: values['password-env'] ?? DEFAULT_PASSWORD_ENV }
  }
  if (key === undefined && cert === undefined) {
    throw new CliUsageError('name the signing identity: --p12 FILE, or --key PEM and --cert PEM')
  }
  if (key === undefined || cert === undefined) throw new CliUsageError('--key and --cert go together')
  if (values['password-env'] !== undefined) {
    throw new CliUsageError('--password-env goes with --p12; the passphrase of a PEM key goes in --passphrase-env')
  }
  return { kind: 'pem', key, cert, passphraseEnv: values['passphrase-env'] }
}

function parse(args: readonly string[]): SignOptions {
  const end = args.indexOf('--')
  for (const arg of end === -1 ? args : args.slice(0, end)) {
    const secret = SECRET_OPTION.exec(arg)
    if (secret) {
      throw new CliUsageError(
        `--${secret[1]}: passwords are never taken on the command line; put it in an environment variable and name the variable with --password-env (or --passphrase-env)`,
      )
    }
  }
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options })
  const { format } = values
  if (format === undefined) throw new CliUsageError('--format cades or --format xades is required')
  if (format !== 'cades' && format !== 'xades') {
    throw new CliUsageError(`--format takes cades or xades, not '${format}'`)
  }
  const identity = identityOf(values)
  const [input, named, ...extra] = positionals
  if (input === undefined) throw new CliUsageError('name the file to sign')
  if (extra.length > 0) throw new CliUsageError(`one input and at most one output, not ${positionals.length} files`)
  const output = named ?? defaultSignedName(input, format)
  if (output === input) throw new CliUsageError('the output would overwrite the input: name another OUT')
  return { format, identity, input, output }
}

/** `varco sign`: CAdES-BES (.xml.p7m) or XAdES-BES (enveloped .xml) with a .p12 or PEM identity. */
export function signCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, command, async () => {
    const { format, identity, input, output } = parse(args)
    const signer = await loadIdentity(io, identity)
    const content = await readInput(io, input)
    const signed = await signFile(content, { format, signer, signingTime: io.now() })
    await writeOutput(io, output, signed)
    if (output !== STDOUT) {
      io.stdout(`signed  ${input} -> ${output} (${FORMAT_LABEL[format]}, ${signer.certificate.subject})\n`)
    }
    return ExitCode.ok
  })
}
