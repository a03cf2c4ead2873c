import { createHash } from 'node:crypto'
import { DOMParser, type Element } from '@xmldom/xmldom'
import { SignedXml } from 'xml-crypto'
import { finishVerdict } from '../verify/finish.ts'
import type { VerifyOptions } from '../verify/options.ts'
import { unreadable, verdictOf, type Verdict } from '../verify/verdict.ts'
import { parseCertificate, serialDecimal, type CertificateInfo } from '../x509/certificate.ts'
import { canonicalizeDocument } from '../xml/canonicalize.ts'
import { decodeXml, XmlDecodeError, type DecodedXml } from '../xml/decode.ts'
import { scanXml } from '../xml/scan.ts'
import { XmlSyntaxError, type ScannedXml, type XmlElement } from '../xml/tokens.ts'
import { verificationAlgorithms } from './algorithms.ts'
import { bindDocumentReference } from './document-reference.ts'
import { elementsOf } from './dom.ts'
import type { CertificateReference } from './signed-properties.ts'
import { readXadesStructure } from './structure.ts'
import { DIGEST_METHODS, DSIG_NS } from './uris.ts'

const MAX_SIGNATURE_TOKENS = 5_000

const isSignature = (element: XmlElement): boolean => element.uri === DSIG_NS && element.local === 'Signature'

function read(input: Buffer): { decoded: DecodedXml; scanned: ScannedXml } | string {
  try {
    const decoded = decodeXml(input)
    return { decoded, scanned: scanXml(decoded.text) }
  } catch (err) {
    if (err instanceof XmlDecodeError || err instanceof XmlSyntaxError) return `not well-formed XML: ${err.message}`
    throw err
  }
}

const escapeAttribute = (value: string): string =>
  value.replace(/[&<"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;' })[c] ?? c)

// The ds:Signature alone, inside a wrapper that declares every namespace in scope at its parent, so references
// canonicalised inclusively (SdI's KeyInfo and SignedProperties references) see the same namespaces as in the file.
function miniDocument(text: string, signature: XmlElement): string {
  const declarations = [...signature.parentScope]
    .filter(([prefix, uri]) => prefix !== 'xml' && !(prefix === '' && uri === ''))
    .map(([prefix, uri]) =>
      prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`,
    )
  return `<w${declarations.join('')}>${text.slice(signature.start, signature.closeEnd)}</w>`
}

function parseSignature(mini: string): Element | string {
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message)
      },
    }).parseFromString(mini, 'text/xml')
    const [signature] = document.documentElement === null ? [] : elementsOf(document.documentElement)
    return signature ?? 'no ds:Signature element'
  } catch (err) {
    return `unreadable ds:Signature: ${err instanceof Error ? err.message : String(err)}`
  }
}

function matchesReference(certificate: CertificateInfo, reference: CertificateReference): boolean {
  const hash = DIGEST_METHODS.get(reference.digestMethod)
  if (hash === undefined) return false
  const digestMatches = createHash(hash).update(certificate.der).digest().equals(reference.digest)
  return digestMatches && (reference.serial === undefined || reference.serial === serialDecimal(certificate))
}

// The signer: the KeyInfo certificate that SigningCertificate names (its first Cert, XAdES §7.2.2), else the first.
function signerOf(
  certificates: readonly CertificateInfo[],
  references: readonly CertificateReference[] | undefined,
): CertificateInfo | string {
  if (references === undefined) return certificates[0] ?? 'no certificate'
  const [first] = references
  const signer = first === undefined ? undefined : certificates.find((c) => matchesReference(c, first))
  return signer ?? 'SigningCertificate does not match the KeyInfo certificate: certificate altered or substituted'
}

function referenceFailure(signedXml: SignedXml): string {
  const failed = signedXml.getReferences().find((reference) => reference.validationError !== undefined)
  if (failed === undefined) return 'the signature does not verify'
  if (failed.uri === '') return 'the document does not match its signed digest: altered after signing'
  return `the signed element '${failed.uri}' does not match its digest: altered after signing`
}

function checkCryptography(
  scanned: ScannedXml,
  signature: Element,
  mini: string,
  signer: CertificateInfo,
): string | undefined {
  const signedXml = new SignedXml({ publicCert: signer.publicKey, getCertFromKeyInfo: () => null })
  signedXml.SignatureAlgorithms = verificationAlgorithms()
  // XML-DSig and XAdES name their ID attribute `Id`; xml-crypto also tries ID and id, each with a full-document XPath.
  signedXml.idAttributes = ['Id']
  bindDocumentReference(signedXml, (exclusive, inclusivePrefixes) =>
    canonicalizeDocument(scanned, { exclusive, inclusivePrefixes, omit: isSignature }),
  )
  try {
    signedXml.loadSignature(signature)
    return signedXml.checkSignature(mini) ? undefined : referenceFailure(signedXml)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    return message.startsWith('invalid signature')
      ? 'the signature value does not verify: SignedInfo altered or wrong key'
      : `cannot verify: ${message}`
  }
}

/** Verifies an enveloped XAdES(-BES) signature: the SdI profile (XPath Filter 2.0) or the enveloped-signature transform. */
export async function verifyXades(input: Buffer, options: VerifyOptions): Promise<Verdict> {
  const parsed = read(input)
  if (typeof parsed === 'string') return unreadable('xades', parsed)
  const { decoded, scanned } = parsed
  const signatures = scanned.tokens.filter((token): token is XmlElement => token.kind === 'start' && isSignature(token))
  const [located] = signatures
  if (located === undefined) return unreadable('xades', 'no ds:Signature in the document')
  if (signatures.length > 1) return unreadable('xades', 'more than one ds:Signature: one enveloped signature expected')
  if (located.depth !== 1) return unreadable('xades', 'ds:Signature is not a child of the root element (not enveloped)')
  // The SdI profile's signature has about forty elements; a huge one only slows xml-crypto's tree walks down.
  if (located.endIndex - located.index > MAX_SIGNATURE_TOKENS) return unreadable('xades', 'ds:Signature too large')
  const mini = miniDocument(scanned.text, located)
  const signature = parseSignature(mini)
  if (typeof signature === 'string') return unreadable('xades', signature)
  const structure = readXadesStructure(signature)
  if (typeof structure === 'string') return unreadable('xades', structure)
  // Inclusive C14N of an element inherits the xml:* attributes of its ancestors (C14N 1.0 §2.4); xml-crypto does not
  // implement that, so such a signature would fail as "altered". Refused plainly instead: neither the FatturaPA nor
  // the SdI message schemas allow xml:* attributes on the root.
  if (structure.inclusive && scanned.root.attributes.some((attribute) => attribute.prefix === 'xml')) {
    return unreadable('xades', 'xml:* attributes on the root element with inclusive canonicalisation are not supported')
  }
  let certificates: CertificateInfo[]
  try {
    certificates = structure.certificates.map((base64) => parseCertificate(Buffer.from(base64, 'base64')))
  } catch {
    return unreadable('xades', 'unreadable ds:X509Certificate: certificate altered or corrupt')
  }
  const signer = signerOf(certificates, structure.properties.certificates)
  if (typeof signer === 'string') return unreadable('xades', signer)
  if (structure.properties.certificates === undefined && !structure.keyInfoSigned) {
    return unreadable(
      'xades',
      'the signature binds no certificate (neither SigningCertificate nor a KeyInfo reference)',
    )
  }
  const broken = checkCryptography(scanned, signature, mini, signer)
  if (broken !== undefined)
    return verdictOf({ format: 'xades', intact: false, signer, problems: [{ code: '00102', message: broken }] })
  const { signingTime } = structure.properties
  if (signingTime === 'unreadable')
    return verdictOf({
      format: 'xades',
      intact: false,
      signer,
      problems: [{ code: '00102', message: 'unreadable SigningTime' }],
    })
  const content = Buffer.concat([
    input.subarray(0, decoded.byteOffset(located.start)),
    input.subarray(decoded.byteOffset(located.closeEnd)),
  ])
  const carried = certificates.filter((certificate) => certificate !== signer)
  return finishVerdict('xades', [{ certificate: signer, signingTime }], carried, content, options)
}
