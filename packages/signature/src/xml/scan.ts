import { FORBIDDEN_CHAR, QNAME, XML_NS } from './names.ts'
import { decodeText, XmlReferenceError } from './references.ts'
import { parseStartTag } from './start-tag.ts'
import { XmlSyntaxError, type ScannedXml, type XmlElement, type XmlToken } from './tokens.ts'

const INITIAL_SCOPE: ReadonlyMap<string, string> = new Map([['xml', XML_NS]])
const DECLARATION =
  /^\s+version\s*=\s*(["'])1\.0\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*$/
const BLANK = /^[ \t\r\n]*$/
// FatturaPA and SdI messages nest about ten levels; hostile input nests thousands to make tree walkers crawl.
const MAX_DEPTH = 256

interface State {
  readonly text: string
  readonly tokens: XmlToken[]
  readonly open: XmlElement[]
  root: XmlElement | undefined
}

function fail(state: State, problem: string, at: number): never {
  throw new XmlSyntaxError(problem, at, state.text)
}

function characterData(state: State, from: number, to: number): void {
  const raw = state.text.slice(from, to)
  if (state.open.length === 0) {
    if (!BLANK.test(raw)) fail(state, 'text outside the root element', from)
    return
  }
  if (raw.includes(']]>')) fail(state, "']]>' in character data", from)
  try {
    state.tokens.push({ kind: 'text', value: decodeText(raw) })
  } catch (err) {
    if (err instanceof XmlReferenceError) fail(state, err.message, from)
    throw err
  }
}

function endTag(state: State, lt: number): number {
  const open = state.open.at(-1)
  // Fast path: the end tag of the open element, written without blanks.
  if (
    open !== undefined &&
    state.text.startsWith(open.qname, lt + 2) &&
    state.text.charCodeAt(lt + 2 + open.qname.length) === 0x3e
  ) {
    state.open.pop()
    return close(state, open, lt, lt + 3 + open.qname.length)
  }
  QNAME.lastIndex = lt + 2
  const name = QNAME.exec(state.text)
  if (name === null) fail(state, 'invalid end tag', lt)
  let p = QNAME.lastIndex
  while (/[ \t\r\n]/.test(state.text.charAt(p))) p++
  if (state.text.charAt(p) !== '>') fail(state, 'invalid end tag', lt)
  const element = state.open.pop()
  if (element?.qname !== name[0]) fail(state, `end tag '${name[0]}' does not match the open element`, lt)
  return close(state, element, lt, p + 1)
}

function close(state: State, element: XmlElement, lt: number, next: number): number {
  element.endIndex = state.tokens.length
  element.closeStart = lt
  element.closeEnd = next
  state.tokens.push({ kind: 'end', element })
  return next
}

function startTag(state: State, lt: number): number {
  if (state.open.length === 0 && state.root !== undefined) fail(state, 'content after the root element', lt)
  const parent = state.open.at(-1)
  const parsed = parseStartTag(state.text, lt, parent?.scope ?? INITIAL_SCOPE, state.tokens.length, state.open.length)
  if (typeof parsed === 'string') fail(state, parsed, lt)
  const { element, next, empty } = parsed
  state.tokens.push(element)
  state.root ??= element
  if (empty) {
    element.endIndex = state.tokens.length
    element.closeStart = element.closeEnd = next
    state.tokens.push({ kind: 'end', element })
  } else {
    if (state.open.length >= MAX_DEPTH) fail(state, `elements nested deeper than ${MAX_DEPTH} levels`, lt)
    state.open.push(element)
  }
  return next
}

function processingInstruction(state: State, lt: number): number {
  QNAME.lastIndex = lt + 2
  const name = QNAME.exec(state.text)
  if (name === null || name[1] !== undefined) fail(state, 'invalid processing instruction target', lt)
  if (name[0].toLowerCase() === 'xml') fail(state, 'XML declaration not at the start of the file', lt)
  const end = state.text.indexOf('?>', QNAME.lastIndex)
  if (end === -1) fail(state, 'unterminated processing instruction', lt)
  const rest = state.text.slice(QNAME.lastIndex, end)
  if (rest.length > 0 && !/^[ \t\r\n]/.test(rest)) fail(state, 'invalid processing instruction target', lt)
  const data = rest.replace(/^[ \t\r\n]+/, '').replace(/\r\n?/g, '\n')
  state.tokens.push({ kind: 'pi', target: name[0], data })
  return end + 2
}

function markup(state: State, lt: number): number {
  const { text } = state
  if (text.startsWith('<!--', lt)) {
    const end = text.indexOf('-->', lt + 4)
    if (end === -1) fail(state, 'unterminated comment', lt)
    const body = text.slice(lt + 4, end)
    if (body.includes('--') || body.endsWith('-')) fail(state, "'--' inside a comment", lt)
    return end + 3
  }
  if (text.startsWith('<![CDATA[', lt)) {
    if (state.open.length === 0) fail(state, 'CDATA section outside the root element', lt)
    const end = text.indexOf(']]>', lt + 9)
    if (end === -1) fail(state, 'unterminated CDATA section', lt)
    state.tokens.push({ kind: 'text', value: text.slice(lt + 9, end).replace(/\r\n?/g, '\n') })
    return end + 3
  }
  // Refused on purpose: a DTD brings entity expansion (billion laughs) and external resources (XXE).
  if (text.startsWith('<!DOCTYPE', lt)) fail(state, 'DOCTYPE declarations are not accepted', lt)
  return fail(state, 'invalid markup declaration', lt)
}

function declaration(state: State, at: number): number {
  if (!state.text.startsWith('<?xml', at) || !/[ \t\r\n]/.test(state.text.charAt(at + 5))) return at
  const end = state.text.indexOf('?>', at)
  if (end === -1 || !DECLARATION.test(state.text.slice(at + 5, end))) fail(state, 'invalid XML declaration', at)
  return end + 2
}

/**
 * Scans a whole XML 1.0 document into tokens, checking well-formedness and namespaces as it goes. Written for
 * signing and verifying: it is strict (no DOCTYPE, no undeclared entities, no unbound prefixes), never fetches
 * anything, and keeps character offsets so a signature can be spliced in or cut out without touching other bytes.
 */
export function scanXml(text: string): ScannedXml {
  const state: State = { text, tokens: [], open: [], root: undefined }
  const forbidden = FORBIDDEN_CHAR.exec(text)
  if (forbidden !== null) fail(state, 'character not allowed in XML', forbidden.index)
  let i = declaration(state, text.charCodeAt(0) === 0xfeff ? 1 : 0)
  while (i < text.length) {
    const lt = text.indexOf('<', i)
    const stop = lt === -1 ? text.length : lt
    if (stop > i) characterData(state, i, stop)
    if (lt === -1) break
    const next = text.charCodeAt(lt + 1)
    if (next === 0x2f) i = endTag(state, lt)
    else if (next === 0x3f) i = processingInstruction(state, lt)
    else if (next === 0x21) i = markup(state, lt)
    else i = startTag(state, lt)
  }
  if (state.root === undefined) fail(state, 'no root element', text.length)
  if (state.open.length > 0) fail(state, `element '${state.open.at(-1)?.qname}' is not closed`, text.length)
  return { text, tokens: state.tokens, root: state.root }
}
