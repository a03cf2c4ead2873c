/** The first element inside soap:Body: its prefix (empty for none) and local name. */
export interface BodyElement {
  readonly prefix: string
  readonly localName: string
}

// Run on the envelope text before the SOAP parser, so an unknown operation is refused with a clear fault without
// parsing the whole message. A forward scan, not one regular expression: a hostile body full of "<Body><!--" must not
// make it quadratic.
const BODY_START = /<(?:[A-Za-z_][\w.-]*:)?Body[\s/>]/
const ELEMENT = /<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)/y

export function bodyElement(xml: string): BodyElement | undefined {
  const start = BODY_START.exec(xml)
  if (start === null) return undefined
  let at = xml.indexOf('>', start.index)
  if (at === -1 || xml[at - 1] === '/') return undefined
  at++
  for (;;) {
    while (at < xml.length && ' \t\r\n'.includes(xml[at]!)) at++
    if (!xml.startsWith('<!--', at)) break
    const end = xml.indexOf('-->', at + 4)
    if (end === -1) return undefined
    at = end + 3
  }
  ELEMENT.lastIndex = at
  const match = ELEMENT.exec(xml)
  if (match === null) return undefined
  return { prefix: match[1] ?? '', localName: match[2] ?? '' }
}

/**
 * Whether the element's prefix is declared for the namespace somewhere in the envelope. A textual check, not full
 * namespace scoping: enough to refuse a message written for another service or version, cheap enough for every call.
 */
export function declaresNamespace(xml: string, prefix: string, namespace: string): boolean {
  const attribute = prefix === '' ? 'xmlns' : `xmlns:${prefix}`
  if (xml.includes(`${attribute}="${namespace}"`) || xml.includes(`${attribute}='${namespace}'`)) return true
  // The rare spelling with blanks around "=".
  return new RegExp(`\\s${escapeRegExp(attribute)}\\s*=\\s*(["'])${escapeRegExp(namespace)}\\1`).test(xml)
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
