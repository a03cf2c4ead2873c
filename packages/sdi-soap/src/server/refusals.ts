import { defineError, errorCode } from '@varco/errors'
import type { FaultCode } from '../soap/envelope.ts'

// Why a server refuses a request. Internal: each becomes a SOAP 1.1 fault whose faultstring is the message, so the
// messages say what is wrong with the request in terms the sender can act on, and never echo file contents.

/** The envelope is not a SOAP 1.1 document/literal request of this service. */
export const EnvelopeInvalid = defineError<[string]>('SDI_SOAP_ERR_ENVELOPE', '%s', { statusCode: 500 })
/** A SOAP 1.2 envelope (SdICoop is SOAP 1.1 only). */
export const EnvelopeVersionMismatch = defineError<[string]>('SDI_SOAP_ERR_VERSION', '%s', { statusCode: 500 })
/** A header marked mustUnderstand: no SdICoop operation defines headers, so none is understood. */
export const HeaderNotUnderstood = defineError<[string]>('SDI_SOAP_ERR_MUST_UNDERSTAND', '%s', { statusCode: 500 })
/** The body is not text/xml nor multipart/related MTOM. */
export const MediaTypeUnsupported = defineError<[string]>('SDI_SOAP_ERR_MEDIA_TYPE', '%s', { statusCode: 415 })

/** HTTP status and fault code for a refusal; SOAP 1.1 over HTTP sends faults with 500 (WS-I BP R1126). */
interface FaultReply {
  readonly status: number
  readonly code: FaultCode
}

const BY_CODE: Readonly<Record<string, FaultReply>> = {
  [EnvelopeVersionMismatch.code]: { status: 500, code: 'VersionMismatch' },
  [HeaderNotUnderstood.code]: { status: 500, code: 'MustUnderstand' },
  [MediaTypeUnsupported.code]: { status: 415, code: 'Client' },
}

/** How to answer a refusal (any error thrown while reading a request is the sender's fault: Client). */
export function faultFor(err: unknown): FaultReply {
  return BY_CODE[errorCode(err)] ?? { status: 500, code: 'Client' }
}
