import { parseMediaType } from '../mtom/content-type.ts'
import { decodeMtom, type XopMessage } from '../mtom/xop-decode.ts'
import { SOAP11_NAMESPACE, SOAP12_NAMESPACE } from '../soap/envelope.ts'
import { EnvelopeInvalid, EnvelopeVersionMismatch, HeaderNotUnderstood, MediaTypeUnsupported } from './refusals.ts'

const NO_ATTACHMENTS: ReadonlyMap<string, Buffer> = new Map()
const UTF8 = new Set(['utf-8', 'utf8', 'us-ascii'])
const MUST_UNDERSTAND = /\bmustUnderstand\s*=\s*["'](?:1|true)["']/

/** A request body as one envelope: inline text/xml as it came, MTOM with its xop:Includes replaced by markers. */
export interface EnvelopeText extends XopMessage {
  readonly mtom: boolean
}

function decode(body: Buffer, contentType: string | undefined): EnvelopeText {
  const media = parseMediaType(contentType)
  switch (media?.type) {
    case 'multipart/related':
      return { ...decodeMtom(body, media), mtom: true }
    case 'text/xml': {
      const charset = media.params.get('charset')?.toLowerCase()
      if (charset !== undefined && !UTF8.has(charset)) throw new MediaTypeUnsupported(`charset ${charset}: use UTF-8`)
      return { xml: body.toString('utf8'), attachments: NO_ATTACHMENTS, mtom: false }
    }
    case 'application/soap+xml':
      throw new MediaTypeUnsupported('application/soap+xml is SOAP 1.2; SdICoop services are SOAP 1.1 (text/xml)')
    default:
      throw new MediaTypeUnsupported(
        `Content-Type ${JSON.stringify(contentType ?? '')} is neither text/xml nor multipart/related (MTOM)`,
      )
  }
}

/**
 * The envelope of a request, refused early when it cannot be a safe SOAP 1.1 message. A DOCTYPE is refused outright
 * (SOAP 1.1 section 3 forbids it, and a DTD is how entity-expansion and external-entity attacks get in); so is a
 * header the sender marked mustUnderstand.
 */
export function readEnvelope(body: Buffer, contentType: string | undefined): EnvelopeText {
  const decoded = decode(body, contentType)
  const xml = decoded.xml.charCodeAt(0) === 0xfeff ? decoded.xml.slice(1) : decoded.xml
  if (xml.includes('<!DOCTYPE') || xml.includes('<!ENTITY')) {
    throw new EnvelopeInvalid('A SOAP message must not contain a DOCTYPE or entity declarations')
  }
  if (!xml.includes(SOAP11_NAMESPACE)) {
    if (xml.includes(SOAP12_NAMESPACE)) throw new EnvelopeVersionMismatch('SOAP 1.2 envelopes are not supported')
    throw new EnvelopeInvalid(`Not a SOAP 1.1 envelope (namespace ${SOAP11_NAMESPACE})`)
  }
  if (xml.includes('mustUnderstand') && MUST_UNDERSTAND.test(xml)) {
    throw new HeaderNotUnderstood('No header of this service can be understood (mustUnderstand="1")')
  }
  return { ...decoded, xml }
}
