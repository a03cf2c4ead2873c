import { parseArgs } from 'node:util'
import { validateInvoiceFile, type SdiError } from '@varco/fatturapa'
import { ExitCode, type CliIo } from '../io.ts'

interface FileVerdict {
  readonly file: string
  readonly valid: boolean
  readonly errors: readonly SdiError[]
}

type Language = 'it' | 'en'

interface ValidateOptions {
  readonly json: boolean
  readonly lang: Language
  readonly receivedAt: string | undefined
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
    },
  })
  const lang = values.lang
  if (lang !== 'it' && lang !== 'en') throw new Error(`--lang takes it or en, not '${lang}'`)
  const receivedAt = values['received-at']
  if (receivedAt !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(receivedAt)) {
    throw new Error(`--received-at takes a date as YYYY-MM-DD, not '${receivedAt}'`)
  }
  if (positionals.length === 0) throw new Error('name at least one file to validate')
  return { json: values.json, lang, receivedAt, files: positionals }
}

async function verdictOf(file: string, io: CliIo, receivedAt: Date): Promise<FileVerdict> {
  let bytes: Buffer
  try {
    bytes = await io.readFile(file)
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
    return { file, valid: false, errors: [fileError('00106', reason)] }
  }
  const result = validateInvoiceFile(bytes, { receivedAt })
  return { file, valid: result.ok, errors: result.errors }
}

function fileError(code: SdiError['code'], reason: string): SdiError {
  return { code, path: '', message: { it: `File non leggibile: ${reason}`, en: `Cannot read the file: ${reason}` } }
}

function human(verdict: FileVerdict, lang: Language): string {
  if (verdict.valid) return `ok    ${verdict.file}\n`
  const lines = verdict.errors.map((error) => {
    const where = error.path ? ` ${error.path}:` : ''
    return `  ${error.code}${where} ${error.message[lang]}\n`
  })
  const count = verdict.errors.length
  return `FAIL  ${verdict.file} (${count} ${count === 1 ? 'error' : 'errors'})\n${lines.join('')}`
}

/** `varco validate`: every check SdI makes that the file alone can decide, with SdI's codes. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  let options: ValidateOptions
  try {
    options = parse(args)
  } catch (err) {
    io.stderr(
      `varco validate: ${(err as Error).message}\nUsage: varco validate [--json] [--lang it|en] [--received-at YYYY-MM-DD] FILE...\n`,
    )
    return ExitCode.usage
  }
  // Noon UTC falls on the same calendar day in Italy (UTC+1/+2), the day SdI judges dates by.
  const receivedAt = options.receivedAt ? new Date(`${options.receivedAt}T12:00:00Z`) : io.now()
  const verdicts: FileVerdict[] = []
  for (const file of options.files) verdicts.push(await verdictOf(file, io, receivedAt))
  if (options.json) io.stdout(`${JSON.stringify(verdicts, null, 2)}\n`)
  else for (const verdict of verdicts) io.stdout(human(verdict, options.lang))
  return verdicts.every((verdict) => verdict.valid) ? ExitCode.ok : ExitCode.invalid
}
