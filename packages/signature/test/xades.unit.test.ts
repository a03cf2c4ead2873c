import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { loadPemIdentity, signXades, verifyXades, type Signer } from '../src/index.ts'
import { signerAlgorithm } from '../src/xades/algorithms.ts'
import { buildSignature } from '../src/xades/build-signature.ts'
import { signXadesWithoutTemplate } from '../src/xades/sign.ts'
import { buildTemplate, fillTemplate } from '../src/xades/template.ts'
import { createTestPki, type TestPki } from '@varco/testing'
import { largeInvoice, read, sampleInvoices } from './helpers/shared.ts'
import { schemaValidate, xmlsecVerify } from '@varco/testing'

let pki: TestPki
let signer: Signer

beforeAll(() => {
  pki = createTestPki()
  signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
})
afterAll(() => pki.cleanup())

const trust = (): { trust: string[] } => ({ trust: [pki.ca.certPem] })

describe('signXades', () => {
  it.each(sampleInvoices().map((invoice) => [invoice.name, invoice.path, invoice.schemaValid] as const))(
    'signs %s: xmlsec1 verifies it against the test CA, the XSD verdict is unchanged, our verifier round-trips it',
    async (_, path, schemaValid) => {
      const content = read(path)
      const signed = await signXades(content, signer)
      const checked = xmlsecVerify(pki.dir, signed, pki.ca.certFile)
      expect(checked.stderr).toContain('OK')
      expect(checked.stderr).toContain('SignedInfo References (ok/all): 3/3')
      expect(schemaValidate(pki.dir, signed).ok).toBe(schemaValid)
      const verdict = await verifyXades(signed, trust())
      expect(verdict).toMatchObject({ valid: true, intact: true, format: 'xades' })
      expect(verdict.content?.equals(content)).toBe(true)
    },
  )

  it('keeps every input byte and puts ds:Signature last in the root, in the SdI profile', async () => {
    const content = read(sampleInvoices()[0]!.path)
    const text = (await signXades(content, signer)).toString('utf8')
    const start = text.indexOf('<ds:Signature')
    const end = text.lastIndexOf('</p:FatturaElettronica>')
    expect(text.slice(0, start) + text.slice(end)).toBe(content.toString('utf8'))
    expect(text.slice(start, end).endsWith('</ds:Signature>')).toBe(true)
    const signature = text.slice(start, end)
    expect(signature).toContain('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>')
    expect(signature).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>')
    expect(signature).toMatch(
      /<ds:Reference URI="" [^>]*><ds:Transforms><ds:Transform Algorithm="http:\/\/www.w3.org\/2002\/06\/xmldsig-filter2"><XPath Filter="subtract" xmlns="http:\/\/www.w3.org\/2002\/06\/xmldsig-filter2">\/descendant::ds:Signature<\/XPath><\/ds:Transform><ds:Transform Algorithm="http:\/\/www.w3.org\/2001\/10\/xml-exc-c14n#"\/><\/ds:Transforms>/,
    )
    expect(signature).toMatch(
      /<ds:Reference URI="#SignedProperties-[0-9a-f]+" [^>]*Type="http:\/\/uri.etsi.org\/01903#SignedProperties">/,
    )
    expect(signature).toMatch(/<ds:Reference URI="#KeyInfo-[0-9a-f]+"/)
    expect(signature).toContain('<xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"')
    expect(signature).toMatch(/<xades:SigningTime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/xades:SigningTime>/)
    expect(signature).toContain(`<ds:DigestValue>${signer.certificate.sha256.toString('base64')}</ds:DigestValue>`)
    expect(signature).toContain('<ds:X509IssuerName>CN=Varco Test CA,O=Varco Test,C=IT</ds:X509IssuerName>')
  })

  it('signs a ~400 KB invoice (canonical form hashed in chunks), verified by xmlsec1', async () => {
    const content = largeInvoice(400_000)
    const signed = await signXades(content, signer)
    expect(xmlsecVerify(pki.dir, signed, pki.ca.certFile).ok).toBe(true)
    expect((await verifyXades(signed, trust())).content?.equals(content)).toBe(true)
  })

  it('signs with an EC key (ECDSA-SHA256, r||s), verified by xmlsec1', async () => {
    const ec = loadPemIdentity({ key: pki.ecSigner.keyPem, certificates: pki.ecSigner.certPem })
    const signed = await signXades(read(sampleInvoices()[0]!.path), ec)
    expect(xmlsecVerify(pki.dir, signed, pki.ca.certFile).ok).toBe(true)
    expect((await verifyXades(signed, trust())).valid).toBe(true)
  })

  it('keeps a processing instruction before the root inside the signed data (xml-stylesheet, as FatturaPA files carry)', async () => {
    const content = Buffer.from(
      read(sampleInvoices()[0]!.path)
        .toString('utf8')
        .replace('?>', '?>\n<?xml-stylesheet type="text/xsl" href="fatturaPA_v1.2.1.xsl"?>'),
    )
    const signed = await signXades(content, signer)
    expect(xmlsecVerify(pki.dir, signed, pki.ca.certFile).ok).toBe(true)
    const altered = Buffer.from(signed.toString('utf8').replace('fatturaPA_v1.2.1.xsl', 'evil.xsl'))
    expect((await verifyXades(altered, trust())).code).toBe('00102')
    expect(xmlsecVerify(pki.dir, altered, pki.ca.certFile).ok).toBe(false)
  })

  it('signs an ISO-8859-1 file in place, keeping its encoding (xmlsec1 and our verifier agree)', async () => {
    const utf8 = read(sampleInvoices()[0]!.path).toString('utf8').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    const content = Buffer.from(utf8.replace(/<Descrizione>[^<]*/, '<Descrizione>Caffè e società àèìòù'), 'latin1')
    const signed = await signXades(content, signer)
    expect(xmlsecVerify(pki.dir, signed, pki.ca.certFile).ok).toBe(true)
    const verdict = await verifyXades(signed, trust())
    expect(verdict.valid).toBe(true)
    expect(verdict.content?.equals(content)).toBe(true)
  })

  it('refuses to sign what is not well-formed XML or already signed, with SIG_ERR_INPUT', async () => {
    const signed = await signXades(read(sampleInvoices()[0]!.path), signer)
    for (const input of [
      Buffer.from('<a><b></a>'),
      Buffer.from('not xml'),
      signed,
      Buffer.from('<!DOCTYPE a><a>x</a>'),
    ]) {
      await expect(signXades(input, signer)).rejects.toMatchObject({ code: 'SIG_ERR_INPUT' })
    }
  })
})

describe('the per-signer template', () => {
  it('gives exactly the signature xml-crypto computes for the same values (RSA PKCS#1 v1.5 is deterministic)', async () => {
    const template = await buildTemplate(signer)
    const document = 'any canonical document'
    const digest = createHash('sha256').update(document).digest('base64')
    const at = new Date('2026-05-06T07:08:09Z')
    const id = (name: string): string => new RegExp(`${name}-([0-9a-f]+)`).exec(template.signatureXml)![0]
    const ids = { signature: id('Signature'), signedProperties: id('SignedProperties'), keyInfo: id('KeyInfo') }
    const direct = await buildSignature({
      signer,
      ids,
      signingTime: at,
      document: () => document,
      algorithm: signerAlgorithm(signer),
    })
    expect(await fillTemplate(template, signer, digest, at)).toBe(direct)
  })

  it('the template-free path (xml-crypto for every signature) is verified by xmlsec1 too', async () => {
    const signed = await signXadesWithoutTemplate(read(sampleInvoices()[0]!.path), signer)
    expect(xmlsecVerify(pki.dir, signed, pki.ca.certFile).ok).toBe(true)
  })
})

describe('verifyXades on tampered files', () => {
  let signed: string
  beforeAll(async () => {
    signed = (await signXades(read(sampleInvoices()[0]!.path), signer)).toString('utf8')
  })

  const verdictOf = (text: string): ReturnType<typeof verifyXades> => verifyXades(Buffer.from(text), trust())

  it('rejects one character changed in the signed document with 00102', async () => {
    const verdict = await verdictOf(signed.replace('<Numero>', '<Numero>1'))
    expect(verdict).toMatchObject({ code: '00102', intact: false })
    expect(verdict.message).toMatch(/document does not match/)
  })

  it('rejects one character changed in SignedProperties (the signing time) with 00102', async () => {
    const verdict = await verdictOf(signed.replace(/(<xades:SigningTime>\d{3})\d/, '$19'))
    expect(verdict).toMatchObject({ code: '00102', intact: false })
    expect(verdict.message).toMatch(/#SignedProperties-/)
  })

  it('rejects one character changed in the certificate with 00102', async () => {
    const at = signed.indexOf('<ds:X509Certificate>') + 200
    const swapped = signed[at] === 'A' ? 'B' : 'A'
    const verdict = await verdictOf(signed.slice(0, at) + swapped + signed.slice(at + 1))
    expect(verdict).toMatchObject({ code: '00102', intact: false })
  })

  it('rejects a changed SignatureValue with 00102', async () => {
    const verdict = await verdictOf(
      signed.replace(/<ds:SignatureValue>(.)/, (_, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`),
    )
    expect(verdict).toMatchObject({ code: '00102' })
    expect(verdict.message).toMatch(/signature value does not verify/)
  })

  it('rejects a removed signature, a moved signature and a second signature with 00102', async () => {
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0]
    const unsigned = signed.replace(signature, '')
    expect((await verdictOf(unsigned)).message).toMatch(/no ds:Signature/)
    const moved = unsigned.replace('</FatturaElettronicaHeader>', `${signature}</FatturaElettronicaHeader>`)
    expect((await verdictOf(moved)).message).toMatch(/not a child of the root/)
    expect((await verdictOf(signed.replace(signature, signature + signature))).message).toMatch(/more than one/)
  })
})
