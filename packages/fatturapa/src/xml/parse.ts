import { SaxesParser, type SaxesTagNS } from 'saxes'
import { FATTURAPA_NAMESPACE } from '../model/annotations.ts'
import { FatturaElettronica } from '../model/fattura.ts'
import { compileContentModel } from './content-model.ts'
import { DEFAULT_MAX_BYTES, decodeXmlChunks } from './decode.ts'
import { FatturaIssueCode, type FatturaIssue } from './issues.ts'
import { malformedMessage } from './malformed-message.ts'
import { structureMessage } from './messages.ts'
import { validateModel } from './validate.ts'
import { WalkAbort, Walker } from './walker.ts'

export interface ParseOptions {
  /** Largest accepted input in bytes (UTF-8 bytes for a string); checked before parsing. Default 5 MiB. */
  readonly maxBytes?: number
  /** Deepest element nesting accepted. FatturaPA needs 8 levels, an XAdES signature about 12. Default 64. */
  readonly maxDepth?: number
  /** Parsing stops after this many issues. Default 100. */
  readonly maxIssues?: number
}

export type ParseResult =
  | {
      readonly ok: true
      readonly fattura: FatturaElettronica
      /** The encoding the bytes were decoded from ("string" for a string input). */
      readonly encoding: string
      readonly issues: readonly []
    }
  | {
      readonly ok: false
      readonly issues: readonly FatturaIssue[]
      /**
       * What could be read, shaped like the model but not valid against it; undefined when the XML itself could not be
       * read (size, encoding, DOCTYPE, malformed, too deep).
       */
      readonly partial: unknown
    }

const FATTURA_CONTENT = compileContentModel(FatturaElettronica)

function failed(issues: readonly FatturaIssue[], partial: unknown = undefined): ParseResult {
  return { ok: false, issues, partial }
}

/** Streams the XML through saxes and the walker; returns the walker (its issues and model). */
function walk(chunks: readonly string[], maxDepth: number, maxIssues: number): { walker: Walker; aborted: boolean } {
  // FatturaPA is XML 1.0: a "1.1" declaration does not unlock XML 1.1's extra characters.
  const parser = new SaxesParser({ xmlns: true, defaultXMLVersion: '1.0', forceXMLVersion: true })
  const walker = new Walker(FATTURA_CONTENT, 'FatturaElettronica', FATTURAPA_NAMESPACE, {
    maxDepth,
    maxIssues,
    position: () => ({ line: parser.line, column: parser.column }),
  })
  parser.on('opentag', (tag: SaxesTagNS) => walker.openTag(tag))
  parser.on('closetag', (tag: SaxesTagNS) => walker.closeTag(tag))
  parser.on('text', (value) => walker.text(value))
  parser.on('cdata', (value) => walker.cdata(value))
  parser.on('doctype', () => {
    walker.fatal(FatturaIssueCode.doctypeForbidden, structureMessage.doctype())
  })
  // The first error of saxes ends the parse: XML well-formedness errors are fatal.
  parser.on('error', (error) => {
    walker.fatal(FatturaIssueCode.xmlMalformed, malformedMessage(error.message))
  })
  try {
    for (const chunk of chunks) parser.write(chunk)
    parser.close()
    return { walker, aborted: false }
  } catch (error) {
    if (error instanceof WalkAbort) return { walker, aborted: true }
    // Nothing else is expected to throw; if saxes does, it is still a file we cannot read.
    walker.issues.push({ code: FatturaIssueCode.xmlMalformed, path: '', message: malformedMessage(String(error)) })
    return { walker, aborted: true }
  }
}

/**
 * Parses a FatturaPA 1.2.x file into the typed model, checking everything the official XSD checks except the content
 * of ds:Signature. Never throws: every problem is an issue with a stable code and a path such as
 * `FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[3].AliquotaIVA`.
 *
 * Security: the size limit applies before anything else; a DOCTYPE is refused (so no entity other than the five
 * predefined ones and character references can exist, and nothing external is ever loaded); nesting is limited.
 */
export function parseFattura(xml: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  const decoded = decodeXmlChunks(xml, options.maxBytes ?? DEFAULT_MAX_BYTES)
  if (!decoded.ok) return failed([decoded.issue])
  const maxIssues = options.maxIssues ?? 100
  const { walker, aborted } = walk(decoded.chunks, options.maxDepth ?? 64, maxIssues)
  if (aborted) {
    // Only a walk stopped by the issue limit has read well-formed XML worth returning.
    const capped = walker.issues.at(-1)?.code === FatturaIssueCode.tooManyIssues
    return failed(walker.issues, capped ? walker.root : undefined)
  }
  if (walker.root === undefined) {
    return failed([{ code: FatturaIssueCode.xmlMalformed, path: '', message: structureMessage.noRoot() }])
  }
  const issues = [...walker.issues, ...validateModel(walker.root, false)]
  if (issues.length > 0) return failed(issues.slice(0, maxIssues), walker.root)
  return { ok: true, fattura: walker.root as FatturaElettronica, encoding: decoded.encoding, issues: [] }
}
