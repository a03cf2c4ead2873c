/** A parsed media type: lower-cased `type/subtype`, parameters by lower-cased name (values unquoted). */
export interface MediaType {
  readonly type: string
  readonly params: ReadonlyMap<string, string>
}

// RFC 9110 token characters, and the parameter syntax `; name=token` or `; name="quoted \" string"`.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const PARAM = /\s*;\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s"]*))/y

/**
 * Parses a Content-Type header (RFC 9110 section 8.3). Returns undefined when the header is absent or not a media
 * type; unparseable trailing parameters are dropped rather than guessed at.
 */
export function parseMediaType(header: string | undefined): MediaType | undefined {
  if (header === undefined) return undefined
  const semicolon = header.indexOf(';')
  const type = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase()
  const slash = type.indexOf('/')
  if (slash <= 0 || !TOKEN.test(type.slice(0, slash)) || !TOKEN.test(type.slice(slash + 1))) return undefined
  const params = new Map<string, string>()
  if (semicolon !== -1) {
    PARAM.lastIndex = semicolon
    let match: RegExpExecArray | null
    while ((match = PARAM.exec(header)) !== null) {
      const [, name = '', quoted, bare] = match
      params.set(name.toLowerCase(), quoted === undefined ? (bare ?? '') : quoted.replace(/\\(.)/g, '$1'))
    }
  }
  return { type, params }
}
