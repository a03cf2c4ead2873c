import { TRASMISSIONE_TYPES_NAMESPACE, RICEZIONE_TYPES_NAMESPACE } from '../../src/index.ts'

export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'

/** A hand-written SOAP 1.1 envelope, as another stack might write it (prefix "soapenv", types prefix "ns2"). */
export function envelope(body: string, header = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP11}">` +
    `${header === '' ? '' : `<soapenv:Header>${header}</soapenv:Header>`}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  )
}

export function fileSdIElement(
  element: string,
  fields: { IdentificativoSdI?: string; NomeFile?: string; File?: string },
  namespace = TRASMISSIONE_TYPES_NAMESPACE,
): string {
  const children = Object.entries(fields)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('')
  return `<ns2:${element} xmlns:ns2="${namespace}">${children}</ns2:${element}>`
}

export const RC = {
  IdentificativoSdI: '111',
  NomeFile: 'IT01234567890_11111_RC_001.xml',
  File: Buffer.from('<RicevutaConsegna/>').toString('base64'),
}

export { RICEZIONE_TYPES_NAMESPACE, TRASMISSIONE_TYPES_NAMESPACE }
