import { OID } from '../asn1/oids.ts'
import { contentOf, expectUniversal, oidOf, TAG, timeOf } from '../asn1/values.ts'
import type { CmsAttribute } from './parse.ts'

/** The content of the single OCTET STRING value of an attribute (messageDigest), or undefined when absent. */
export function attributeValue(bytes: Buffer, attributes: readonly CmsAttribute[], type: string): Buffer | undefined {
  const attribute = attributes.find((candidate) => candidate.type === type)
  const [value] = attribute?.values ?? []
  if (attribute?.values.length !== 1 || value === undefined) return undefined
  try {
    return contentOf(bytes, expectUniversal(value, TAG.OCTET_STRING, type))
  } catch {
    return undefined
  }
}

/** The contentType attribute's OID, or undefined when absent or malformed. */
export function contentTypeOf(bytes: Buffer, attributes: readonly CmsAttribute[]): string | undefined {
  const values = attributes.find((candidate) => candidate.type === OID.contentType)?.values ?? []
  try {
    return values.length === 1 ? oidOf(bytes, values[0]) : undefined
  } catch {
    return undefined
  }
}

/**
 * signingTime as UTCTime or GeneralizedTime (RFC 5652 prescribes UTCTime until 2049, but both are read: some
 * signers write GeneralizedTime). Undefined when absent; 'unreadable' when present but malformed.
 */
export function signingTimeOf(bytes: Buffer, attributes: readonly CmsAttribute[]): Date | undefined | 'unreadable' {
  const attribute = attributes.find((candidate) => candidate.type === OID.signingTime)
  if (attribute === undefined) return undefined
  try {
    if (attribute.values.length !== 1) return 'unreadable'
    return timeOf(bytes, attribute.values[0])
  } catch {
    return 'unreadable'
  }
}
