/** The kinds of body POST /v1/invoices takes. */
export type InputKind = 'xml' | 'p7m' | 'json'

/** The media types accepted for each kind (with any parameters, e.g. `; charset=utf-8`). */
export const ACCEPTED_MEDIA_TYPES: Readonly<Record<InputKind, readonly string[]>> = {
  xml: ['application/xml', 'text/xml'],
  p7m: ['application/pkcs7-mime', 'application/x-pkcs7-mime'],
  json: ['application/json'],
}

/** The media type a stored file gets: what GET .../files/original answers with. */
export const STORED_MEDIA_TYPE: Readonly<Record<InputKind, string>> = {
  xml: 'application/xml',
  p7m: 'application/pkcs7-mime',
  // JSON is turned into FatturaPA XML before it is stored: the file is what SdI will receive.
  json: 'application/xml',
}

/** The kind of a Content-Type header value; undefined for anything not accepted. */
export function inputKindOf(contentType: string | undefined): InputKind | undefined {
  if (contentType === undefined) return undefined
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase()
  for (const kind of ['xml', 'p7m', 'json'] as const) {
    if (ACCEPTED_MEDIA_TYPES[kind].includes(essence)) return kind
  }
  return undefined
}
