import sjson from 'secure-json-parse'
import {
  FatturaIssueCode,
  parseFattura,
  serializeFattura,
  transliterate as transliterateModel,
  validateFattura,
  type FatturaElettronica,
  type FatturaIssue,
  type SdiError,
  type TransliterationChange,
} from '@varco/fatturapa'
import { assertNever } from '@varco/errors'
import { extractContent } from '@varco/signature'
import {
  EmptyBody,
  invoiceInvalid,
  MalformedJson,
  MalformedP7m,
  MalformedXml,
  TransliterateJsonOnly,
  XmlDoctypeForbidden,
} from '../errors.ts'
import { factsOf, type FileFacts } from './file-facts.ts'
import { STORED_MEDIA_TYPE, type InputKind } from './media-types.ts'

/** A request body as the API received it. */
export interface SubmissionInput {
  readonly kind: InputKind
  readonly body: Buffer
  /** JSON only: replace characters FatturaPA's types refuse with accepted ones, and report each change. */
  readonly transliterate: boolean
}

/** A body turned into the file to store, with what the API needs to know of it. */
export interface DecodedSubmission {
  /** The file as stored and sent on: the XML or .p7m as received, or the XML made from JSON. */
  readonly file: { readonly bytes: Buffer; readonly mediaType: string }
  readonly facts: FileFacts
  readonly transliterations: readonly TransliterationChange[]
}

/** A format issue as SdI reports it (00200, our code as the detail), as validateInvoiceFile does. */
export function formatError(issue: FatturaIssue | { code: string; path: string; message: SdiError['message'] }) {
  return { code: '00200', path: issue.path, message: issue.message, detail: issue.code } satisfies SdiError
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads a FatturaPA XML file far enough to know who transmits it. A file that is not readable XML (malformed, a
 * DOCTYPE, a bad encoding) is refused here; a readable file with format errors is accepted, and validation rejects it
 * with every SdI error later (or at once with ?validate=sync). parseFattura never expands an entity nor loads a DTD.
 */
function readXml(xml: Buffer, where: string): FileFacts {
  const parsed = parseFattura(xml, { maxBytes: Number.MAX_SAFE_INTEGER })
  if (parsed.ok) return factsOf(parsed.fattura)
  if (parsed.partial !== undefined) return factsOf(parsed.partial)
  const first = parsed.issues[0]
  if (first?.code === FatturaIssueCode.doctypeForbidden) throw new XmlDoctypeForbidden()
  throw new MalformedXml(`${where}${first?.message.en ?? 'not well-formed'}`)
}

function decodeP7m(body: Buffer): FileFacts {
  let content: Buffer
  try {
    content = extractContent(body)
  } catch (err) {
    throw new MalformedP7m(err instanceof Error ? err.message : String(err))
  }
  return readXml(content, 'in the content of the .p7m: ')
}

function parseJson(body: Buffer): unknown {
  let text: string
  try {
    text = UTF8.decode(body)
  } catch {
    throw new MalformedJson('not UTF-8')
  }
  try {
    // Prototype poisoning (__proto__, constructor.prototype) is refused rather than silently dropped.
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' })
  } catch (err) {
    throw new MalformedJson(err instanceof Error ? err.message : String(err))
  }
}

function invalidModel(err: unknown): never {
  const issues = (err as { issues?: readonly FatturaIssue[] }).issues
  const code = (err as { code?: unknown }).code
  if (code === 'FATTURAPA_ERR_INVALID_MODEL' && issues !== undefined) {
    throw invoiceInvalid(issues.map(formatError))
  }
  if (code === 'FATTURAPA_ERR_XML_CHARACTER') {
    const message = { it: 'Carattere non ammesso in XML', en: (err as Error).message }
    throw invoiceInvalid([formatError({ code, path: '', message })])
  }
  throw err
}

/** FatturaPA JSON (the model's JSON Schema) to the XML file SdI will receive; invalid models are refused. */
function decodeJson(body: Buffer, transliterate: boolean) {
  const parsed = parseJson(body)
  const { value, changes } = transliterate ? transliterateModel(parsed) : { value: parsed, changes: [] }
  // Checked here first: serializeFattura assumes an object and would throw a TypeError on null.
  const issues = validateFattura(value)
  if (issues.length > 0) throw invoiceInvalid(issues.map(formatError))
  let xml: string
  try {
    xml = serializeFattura(value as FatturaElettronica)
  } catch (err) {
    invalidModel(err)
  }
  return { bytes: Buffer.from(xml, 'utf8'), facts: factsOf(value), transliterations: changes }
}

/** Decodes a body into the file to store; throws the coded error of a body that cannot become one. */
export function decodeSubmission({ kind, body, transliterate }: SubmissionInput): DecodedSubmission {
  if (body.length === 0) throw new EmptyBody()
  if (transliterate && kind !== 'json') throw new TransliterateJsonOnly()
  const mediaType = STORED_MEDIA_TYPE[kind]
  switch (kind) {
    case 'xml':
      return { file: { bytes: body, mediaType }, facts: readXml(body, ''), transliterations: [] }
    case 'p7m':
      return { file: { bytes: body, mediaType }, facts: decodeP7m(body), transliterations: [] }
    case 'json': {
      const { bytes, facts, transliterations } = decodeJson(body, transliterate)
      return { file: { bytes, mediaType }, facts, transliterations }
    }
    default:
      return assertNever(kind, 'input kind')
  }
}
