import { createHash, randomBytes } from 'node:crypto'
import type { ErrorFirstCallback, SignatureAlgorithm } from 'xml-crypto'
import type { Signer } from '../signer.ts'
import { ecdsaFieldBytes, signatureMethodOf } from './algorithms.ts'
import { buildSignature } from './build-signature.ts'
import { derToP1363 } from './ecdsa.ts'
import { xmlDateTime } from './properties.ts'

/**
 * A signer's ds:Signature as xml-crypto built it, with placeholders where each signature differs: the document
 * digest, the SignedProperties digest, the SigningTime and the SignatureValue. Also xml-crypto's canonical SignedInfo
 * and SignedProperties with the same placeholders.
 */
export interface XadesTemplate {
  readonly signatureXml: string
  readonly signedInfo: string
  readonly signedProperties: string
  readonly placeholders: {
    readonly document: string
    readonly properties: string
    readonly time: string
    readonly value: string
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64')
const TEMPLATE_DOCUMENT = 'varco: placeholder document'
const TEMPLATE_TIME = new Date('1970-01-01T00:00:00Z')

function valueLength(signer: Signer): number {
  const field = ecdsaFieldBytes(signer.certificate.publicKey)
  if (field !== undefined) return 2 * field
  return (signer.certificate.publicKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8
}

const occurrences = (text: string, part: string): number => text.split(part).length - 1

// Each placeholder must occur exactly once where it is replaced; any doubt and the template is not used.
function checked(template: XadesTemplate): XadesTemplate {
  const { document, properties, time, value } = template.placeholders
  const once = [
    [template.signatureXml, [document, properties, time, value]],
    [template.signedInfo, [document, properties]],
    [template.signedProperties, [time]],
  ] as const
  if (!once.every(([text, parts]) => parts.every((part) => occurrences(text, part) === 1))) {
    throw new Error('XAdES template placeholders are not unique')
  }
  return template
}

/** Runs xml-crypto once for a signer, with placeholder values, and keeps what it produced. */
export async function buildTemplate(signer: Signer): Promise<XadesTemplate> {
  const suffix = randomBytes(6).toString('hex')
  const ids = {
    signature: `Signature-${suffix}`,
    signedProperties: `SignedProperties-${suffix}`,
    keyInfo: `KeyInfo-${suffix}`,
  }
  const value = randomBytes(valueLength(signer)).toString('base64')
  let signedInfo = ''
  let signedProperties = ''
  // Records the canonical SignedInfo and answers with the placeholder SignatureValue: nothing is signed here.
  const recording = class {
    getAlgorithmName = (): string => signatureMethodOf(signer)
    getSignature(canonical: string, _key: unknown, callback?: ErrorFirstCallback<string>): string {
      signedInfo = canonical
      callback?.(null, value)
      return value
    }
    verifySignature = (): boolean => false
  } as unknown as new () => SignatureAlgorithm
  const signatureXml = await buildSignature({
    signer,
    ids,
    signingTime: TEMPLATE_TIME,
    document: () => TEMPLATE_DOCUMENT,
    algorithm: recording,
    observe: (localName, canonical) => {
      if (localName === 'SignedProperties') signedProperties = canonical
    },
  })
  const placeholders = {
    document: sha256(TEMPLATE_DOCUMENT),
    properties: sha256(signedProperties),
    time: xmlDateTime(TEMPLATE_TIME),
    value,
  }
  return checked({ signatureXml, signedInfo, signedProperties, placeholders })
}

/**
 * One signature from a template: the SignedProperties and SignedInfo canonical forms get this signature's values
 * (plain base64 and xs:dateTime text, which canonicalisation leaves as they are, so the result is exactly what
 * xml-crypto would produce for them), the Signer signs the canonical SignedInfo, the serialised signature gets the
 * same values.
 */
export async function fillTemplate(
  template: XadesTemplate,
  signer: Signer,
  documentDigest: string,
  signingTime: Date,
): Promise<string> {
  const { placeholders } = template
  const time = xmlDateTime(signingTime)
  const properties = sha256(template.signedProperties.replace(placeholders.time, () => time))
  const signedInfo = template.signedInfo
    .replace(placeholders.document, () => documentDigest)
    .replace(placeholders.properties, () => properties)
  const raw = await signer.sign(Buffer.from(signedInfo))
  const field = ecdsaFieldBytes(signer.certificate.publicKey)
  const value = (field === undefined ? raw : derToP1363(raw, field)).toString('base64')
  return template.signatureXml
    .replace(placeholders.document, () => documentDigest)
    .replace(placeholders.properties, () => properties)
    .replace(placeholders.time, () => time)
    .replace(placeholders.value, () => value)
}
