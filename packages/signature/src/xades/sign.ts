import { randomBytes } from 'node:crypto'
import { SignatureInputInvalid } from '../errors.ts'
import type { Signer } from '../signer.ts'
import { canonicalDigest, canonicalizeDocument } from '../xml/canonicalize.ts'
import { decodeXml, XmlDecodeError, type DecodedXml } from '../xml/decode.ts'
import { scanXml } from '../xml/scan.ts'
import { XmlSyntaxError, type ScannedXml } from '../xml/tokens.ts'
import { signerAlgorithm } from './algorithms.ts'
import { buildSignature } from './build-signature.ts'
import { buildTemplate, fillTemplate, type XadesTemplate } from './template.ts'
import { DSIG_NS } from './uris.ts'

export interface XadesSignOptions {
  /** The SigningTime to declare; now by default. */
  readonly signingTime?: Date
}

function read(input: Buffer): { decoded: DecodedXml; scanned: ScannedXml } {
  try {
    const decoded = decodeXml(input)
    return { decoded, scanned: scanXml(decoded.text) }
  } catch (err) {
    if (err instanceof XmlDecodeError || err instanceof XmlSyntaxError) throw new SignatureInputInvalid(err.message)
    throw err
  }
}

function encodeFor(decoded: DecodedXml, xml: string): Buffer {
  if (decoded.encoding === 'UTF-8') return Buffer.from(xml, 'utf8')
  // An ISO-8859-1 file gets characters beyond Latin-1 (an issuer name in another script) as character references.
  return Buffer.from(
    xml.replace(/[\u0100-\u{10FFFF}]/gu, (c) => `&#x${c.codePointAt(0)?.toString(16)};`),
    'latin1',
  )
}

// A signer's template is built on its first signature and kept as long as the Signer object lives.
const templates = new WeakMap<Signer, Promise<XadesTemplate>>()

function templateOf(signer: Signer): Promise<XadesTemplate> {
  let template = templates.get(signer)
  if (template === undefined) {
    template = buildTemplate(signer)
    templates.set(signer, template)
    template.catch(() => templates.delete(signer))
  }
  return template
}

function prepare(input: Buffer): { decoded: DecodedXml; scanned: ScannedXml } {
  const parsed = read(input)
  const { scanned } = parsed
  if (scanned.tokens.some((t) => t.kind === 'start' && t.uri === DSIG_NS && t.local === 'Signature')) {
    throw new SignatureInputInvalid('the document already holds a ds:Signature')
  }
  if (scanned.root.closeStart === scanned.root.closeEnd) throw new SignatureInputInvalid('the root element is empty')
  return parsed
}

function splice(input: Buffer, decoded: DecodedXml, scanned: ScannedXml, signatureXml: string): Buffer {
  const at = decoded.byteOffset(scanned.root.closeStart)
  return Buffer.concat([input.subarray(0, at), encodeFor(decoded, signatureXml), input.subarray(at)])
}

/**
 * Signs an XML document as XAdES-BES enveloped, the SdI profile: ds:Signature as the last child of the root, exclusive
 * C14N, RSA-SHA256 (or ECDSA-SHA256), a URI="" reference with XPath Filter 2.0 `subtract /descendant::ds:Signature`
 * and exclusive C14N, a reference to xades:SignedProperties (SigningTime, SigningCertificate) and one to ds:KeyInfo.
 * Every byte of the input is kept: the signature is inserted just before the root's end tag.
 *
 * xml-crypto builds the signature structure once per Signer (template.ts); each signature then costs our streaming
 * canonicalisation of the document, two SHA-256 and the Signer's RSA/ECDSA operation.
 */
export async function signXades(input: Buffer, signer: Signer, options: XadesSignOptions = {}): Promise<Buffer> {
  const { decoded, scanned } = prepare(input)
  // XPath Filter 2.0 subtracts every ds:Signature (there is none), then exclusive C14N: the URI="" reference.
  const digest = canonicalDigest(scanned, { exclusive: true })
  const signatureXml = await fillTemplate(await templateOf(signer), signer, digest, options.signingTime ?? new Date())
  return splice(input, decoded, scanned, signatureXml)
}

/**
 * The same signature with xml-crypto computing every part of it for this one signature (no template). Slower; kept
 * as the reference the template is tested against, and for the benchmark.
 */
export async function signXadesWithoutTemplate(
  input: Buffer,
  signer: Signer,
  options: XadesSignOptions = {},
): Promise<Buffer> {
  const { decoded, scanned } = prepare(input)
  const suffix = randomBytes(6).toString('hex')
  const signatureXml = await buildSignature({
    signer,
    ids: {
      signature: `Signature-${suffix}`,
      signedProperties: `SignedProperties-${suffix}`,
      keyInfo: `KeyInfo-${suffix}`,
    },
    signingTime: options.signingTime ?? new Date(),
    document: (exclusive, inclusivePrefixes) => canonicalizeDocument(scanned, { exclusive, inclusivePrefixes }),
    algorithm: signerAlgorithm(signer),
  })
  return splice(input, decoded, scanned, signatureXml)
}
