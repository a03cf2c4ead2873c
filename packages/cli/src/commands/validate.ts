import { parseArgs } from 'node:util'
import { validateInvoiceFile, type SdiError } from '@varco/fatturapa'
import type { TrustStore } from '@varco/signature'
import { CliUsageError } from '../errors.ts'
import { fileErrorReason } from '../files.ts'
import { ExitCode, type CliIo } from '../io.ts'
import { runCommand } from '../report.ts'
import { unwrapInvoice, type SignatureStatus } from '../signed-invoice.ts'
import { loadTrust } from '../trust.ts'

const command = {
  name: 'validate',
  usage: 'varco validate [--json] [--lang it|en] [--received-at YYYY-MM-DD] [--trust PEM]... FILE...',
}

interface FileVerdict {
  readonly file: string
  readonly valid: boolean
  readonly errors: readonly SdiError[]
  /** Only for a .p7m: whether its signature was verified (--trust) and how that went. */
  readonly signature?: SignatureStatus
}

type Language = 'it' | 'en'

interface ValidateOptions {
  readonly json: boolean
  readonly lang: Language
  readonly receivedAt: string | undefined
  readonly trust: readonly string[] | undefined
  readonly files: readonly string[]
}

function parse(args: readonly string[]): ValidateOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
      'received-at': { type: 'string' },
      trust: { type: 'string', multiple: true },
    },
  })
  const lang = values.lang
  if (lang !== 'it' && lang !== 'en') throw new CliUsageError(`--lang takes it or en, not '${lang}'`)
  const receivedAt = values['received-at']
  if (receivedAt !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(receivedAt)) {
    throw new CliUsageError(`--received-at takes a date as YYYY-MM-DD, not '${receivedAt}'`)
  }
  if (positionals.length === 0) throw new CliUsageError('name at least one file to validate')
  return { json: values.json, lang, receivedAt, trust: values.trust, files: positionals }
}

interface Context {
  readonly receivedAt: Date
  readonly trust: TrustStore | undefined
}

async function verdictOf(file: string, io: CliIo, context: Context): Promise<FileVerdict> {
  let bytes: Buffer
  try {
    bytes = await io.readFile(file)
  } catch (err) {
    return { file, valid: false, errors: [fileError('00106', fileErrorReason(err))] }
  }
  const { invoice, errors, signature } = await unwrapInvoice(file, bytes, context)
  const content = invoice === undefined ? [] : validateInvoiceFile(invoice, { receivedAt: context.receivedAt }).errors
  const all = [...errors, ...content]
  return { file, valid: all.length === 0, errors: all, ...(signature === undefined ? {} : { signature }) }
}

function fileError(code: SdiError['code'], reason: string): SdiError {
  return { code, path: '', message: { it: `File non leggibile: ${reason}`, en: `Cannot read the file: ${reason}` } }
}

const SIGNATURE_NOTE: Record<SignatureStatus, string> = {
  'not-verified': 'signature not verified: no --trust',
  valid: 'signature valid',
  invalid: 'signature invalid',
}

function human(verdict: FileVerdict, lang: Language): string {
  const note = verdict.signature === undefined ? '' : SIGNATURE_NOTE[verdict.signature]
  if (verdict.valid) return `ok    ${verdict.file}${note === '' ? '' : ` (${note})`}\n`
  const lines = verdict.errors.map((error) => {
    const where = error.path ? ` ${error.path}:` : ''
    return `  ${error.code}${where} ${error.message[lang]}\n`
  })
  const count = verdict.errors.length
  const summary = `${count} ${count === 1 ? 'error' : 'errors'}${note === '' ? '' : `; ${note}`}`
  return `FAIL  ${verdict.file} (${summary})\n${lines.join('')}`
}

/** `varco validate`: every check SdI makes that the file alone can decide, with SdI's codes. */
export function validateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, command, async () => {
    const options = parse(args)
    // Noon UTC falls on the same calendar day in Italy (UTC+1/+2), the day SdI judges dates by.
    const receivedAt = options.receivedAt ? new Date(`${options.receivedAt}T12:00:00Z`) : io.now()
    const trust = options.trust === undefined ? undefined : await loadTrust(io, options.trust)
    const verdicts: FileVerdict[] = []
    for (const file of options.files) verdicts.push(await verdictOf(file, io, { receivedAt, trust }))
    if (options.json) io.stdout(`${JSON.stringify(verdicts, null, 2)}\n`)
    else for (const verdict of verdicts) io.stdout(human(verdict, options.lang))
    return verdicts.every((verdict) => verdict.valid) ? ExitCode.ok : ExitCode.invalid
  })
}
