/** SOAP 1.1 envelope namespace: the only SOAP version SdICoop uses. */
export const SOAP11_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/'
export const SOAP12_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope'

/** The four SOAP 1.1 fault codes (SOAP 1.1 section 4.4.1): Client = the message is wrong, Server = we failed. */
export type FaultCode = 'VersionMismatch' | 'MustUnderstand' | 'Client' | 'Server'

export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8'

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/** Escapes element text (this package writes no attribute values). */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c)
}

/** A SOAP 1.1 envelope around an already serialized body element (which declares its own namespaces). */
export function envelope(body: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11_NAMESPACE}">` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

/** A SOAP 1.1 fault envelope; the message is escaped and is all the peer learns. */
export function faultEnvelope(code: FaultCode, message: string): string {
  return envelope(
    `<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeText(message)}</faultstring></soap:Fault>`,
  )
}
