import { SaxesParser, type SaxesTagNS } from 'saxes'
import { DSIG_NAMESPACE } from '../model/annotations.ts'
import { compileContentModel } from '../xml/content-model.ts'
import type { LocalizedText } from '../sdi/sdi-error.ts'
import { FatturaIssueCode } from '../xml/issues.ts'
import { malformedMessage } from '../xml/malformed-message.ts'
import { WalkAbort, Walker } from '../xml/walker.ts'
import { SdiMessageIssueCode, type SdiMessageIssue } from './message-issues.ts'
import { findRootByElement, type SdiMessageRoot } from './message-roots.ts'
import { messageText } from './message-texts.ts'

/*
 * The invoice codec's Walker checks one known root. A message file may hold any of thirteen roots, so the walker is
 * created when the root element opens, for the root found by namespace and local name; what comes before it (the
 * prolog: DOCTYPE, malformed XML, an unknown root) is reported here.
 */

export interface MessageWalk {
  readonly root: SdiMessageRoot | undefined
  /** The model read so far (undefined before the root element). */
  readonly data: Record<string, unknown> | undefined
  readonly issues: SdiMessageIssue[]
  readonly aborted: boolean
}

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/'

/**
 * The walker's OpaqueCapture makes a ds:Signature self-contained with the root's namespace bindings only (in an invoice
 * the signature is a child of the root). NotificaEsito's EsitoCommittente may hold one too, under elements that may
 * declare prefixes of their own: those declarations are copied onto the nested ds:Signature before the walker sees it,
 * so its opaque text stays well-formed on its own. Unneeded once the walker hands the capture the bindings in scope.
 */
function declareInherited(tag: SaxesTagNS, scopes: readonly Readonly<Record<string, string>>[]): void {
  for (const scope of scopes.slice(1)) {
    for (const [prefix, uri] of Object.entries(scope)) {
      if (prefix in tag.ns) continue
      tag.ns[prefix] = uri
      const name = prefix === '' ? 'xmlns' : `xmlns:${prefix}`
      const local = prefix === '' ? 'xmlns' : prefix
      tag.attributes[name] = { name, prefix: prefix === '' ? '' : 'xmlns', local, uri: XMLNS_NAMESPACE, value: uri }
    }
  }
}

export interface WalkLimits {
  readonly maxDepth: number
  readonly maxIssues: number
}

/** Streams the XML through saxes and the walker of the root it finds. */
export function walkMessage(text: string, limits: WalkLimits): MessageWalk {
  // SdI messages are XML 1.0: a "1.1" declaration does not unlock XML 1.1's extra characters.
  const parser = new SaxesParser({ xmlns: true, defaultXMLVersion: '1.0', forceXMLVersion: true })
  const prolog: SdiMessageIssue[] = []
  let root: SdiMessageRoot | undefined
  let walker: Walker | undefined
  // The namespace declarations of each open element, root first.
  const scopes: Readonly<Record<string, string>>[] = []

  const stop = (code: SdiMessageIssue['code'], message: LocalizedText): never => {
    prolog.push({ code, path: '', message, line: parser.line, column: parser.column + 1 })
    throw new WalkAbort(message.en)
  }
  const fatal = (code: FatturaIssueCode, message: LocalizedText): never =>
    walker === undefined ? stop(code, message) : walker.fatal(code, message)

  parser.on('opentag', (tag: SaxesTagNS) => {
    if (walker === undefined) {
      const found = findRootByElement(tag.uri, tag.local)
      if (found === undefined) {
        const name = tag.uri === '' ? tag.local : `{${tag.uri}}${tag.local}`
        return stop(SdiMessageIssueCode.notSdiMessage, messageText.notSdiMessage(name))
      }
      root = found
      walker = new Walker(compileContentModel(found.schema), found.root, found.namespace, {
        ...limits,
        position: () => ({ line: parser.line, column: parser.column }),
      })
    }
    if (scopes.length >= 2 && tag.local === 'Signature' && tag.uri === DSIG_NAMESPACE) declareInherited(tag, scopes)
    scopes.push(tag.ns)
    walker.openTag(tag)
  })
  parser.on('closetag', (tag: SaxesTagNS) => {
    scopes.pop()
    walker?.closeTag(tag)
  })
  parser.on('text', (value) => walker?.text(value))
  parser.on('cdata', (value) => walker?.cdata(value))
  parser.on('doctype', () => fatal(FatturaIssueCode.doctypeForbidden, messageText.doctype()))
  parser.on('error', (error) => {
    fatal(FatturaIssueCode.xmlMalformed, malformedMessage(error.message))
  })

  try {
    parser.write(text).close()
    return { root, data: walker?.root, issues: [...prolog, ...(walker?.issues ?? [])], aborted: false }
  } catch (error) {
    const issues = [...prolog, ...(walker?.issues ?? [])]
    // Nothing but WalkAbort is expected; if saxes throws, it is still a file we cannot read.
    if (!(error instanceof WalkAbort)) {
      issues.push({ code: FatturaIssueCode.xmlMalformed, path: '', message: malformedMessage(String(error)) })
    }
    return { root, data: walker?.root, issues, aborted: true }
  }
}
