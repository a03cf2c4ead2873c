import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPemIdentity, signXades, verifyXades, type Signer } from '../src/index.ts'
import { canonicalizeDocument } from '../src/xml/canonicalize.ts'
import { decodeXml, XmlDecodeError } from '../src/xml/decode.ts'
import { scanXml } from '../src/xml/scan.ts'
import { XmlSyntaxError } from '../src/xml/tokens.ts'
import { createTestPki, type TestPki } from '@varco/testing'
import { xmlsecVerify } from '@varco/testing'
import { xmlsecSign } from './helpers/xmlsec-sign.ts'

let pki: TestPki
let signer: Signer

beforeAll(() => {
  pki = createTestPki()
  signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
})
afterAll(() => pki.cleanup())

// Documents that exercise the canonicalisation rules: namespace rendering (inclusive vs exclusive), attribute order
// and value normalisation, escaping, CDATA, character references, line ends, PIs and comments.
const TRICKY: Record<string, string> = {
  namespaces:
    '<?xml version="1.0"?>\n<r xmlns="urn:default" xmlns:a="urn:a" xmlns:unused="urn:unused"><a:x xmlns:b="urn:b" b:k="1" a:k="2" k="3"><y xmlns=""><z xmlns="urn:default"/></y><a:x xmlns:a="urn:a">same</a:x></a:x></r>',
  attributes:
    '<r b="2" a="1" c="&lt;&amp;&quot;&gt;" t="\ta\nb\r\nc" refs="&#9;&#10;&#13;&#x20;" xml:lang="it" q=\'"\'>x</r>',
  text: '<r>\r\n  <t>a &lt; b &amp;&amp; c &gt; d &#13; ]]&gt; \u00e8\u20ac\ud83d\ude00</t>\r<c><![CDATA[<raw> & ]] >]]></c><e></e><e/></r>',
  structure:
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?xml-stylesheet href="a.xsl"?>\n<!-- comment before -->\n<r><!-- inside --><?pi  data  ?><?empty?>\n  <p:x xmlns:p="urn:p"   attr = "v" >t</p:x  >\n</r>\n<!-- after -->\n<?after x?>\n',
}

describe('canonicalisation, checked against libxml2 (xmlsec1) in both directions', () => {
  it.each(Object.entries(TRICKY))('%s: our exclusive C14N (signing) matches xmlsec1', async (_, xml) => {
    const signed = await signXades(Buffer.from(xml), signer)
    expect(xmlsecVerify(pki.dir, signed, pki.ca.certFile).stderr).toContain('OK')
  })

  it.each(Object.entries(TRICKY))(
    '%s: our inclusive and exclusive C14N (verifying) match what xmlsec1 signed',
    async (name, xml) => {
      const document = Buffer.from(xml)
      for (const transform of ['filter2', 'enveloped'] as const) {
        const options = {
          keyFile: pki.signer.keyFile,
          certFile: pki.signer.certFile,
          certificate: signer.certificate,
          signingTime: new Date(Date.now() - 60_000),
          transform,
        }
        const verdict = await verifyXades(xmlsecSign(pki.dir, document, options), { trust: [pki.ca.certPem] })
        // Inclusive C14N of SignedProperties inherits xml:lang from the root, which xml-crypto does not do: refused
        // explicitly (FatturaPA and SdI message schemas allow no xml:* attribute on the root).
        expect(verdict.message).toBe(
          name === 'attributes'
            ? 'xml:* attributes on the root element with inclusive canonicalisation are not supported'
            : 'signature valid',
        )
      }
    },
  )

  it('renders namespaces as C14N 1.0 and Exclusive C14N 1.0 prescribe', () => {
    const document = scanXml(TRICKY.namespaces!)
    expect(canonicalizeDocument(document, { exclusive: false })).toBe(
      '<r xmlns="urn:default" xmlns:a="urn:a" xmlns:unused="urn:unused"><a:x xmlns:b="urn:b" k="3" a:k="2" b:k="1"><y xmlns=""><z xmlns="urn:default"></z></y><a:x>same</a:x></a:x></r>',
    )
    expect(canonicalizeDocument(document, { exclusive: true })).toBe(
      '<r xmlns="urn:default"><a:x xmlns:a="urn:a" xmlns:b="urn:b" k="3" a:k="2" b:k="1"><y xmlns=""><z xmlns="urn:default"></z></y><a:x>same</a:x></a:x></r>',
    )
    expect(canonicalizeDocument(document, { exclusive: true, inclusivePrefixes: ['unused'] })).toMatch(
      /^<r xmlns="urn:default" xmlns:unused="urn:unused">/,
    )
  })

  it('normalises attribute values, escapes text and keeps PIs outside the root on their own lines', () => {
    expect(canonicalizeDocument(scanXml(TRICKY.attributes!), { exclusive: false })).toBe(
      '<r a="1" b="2" c="&lt;&amp;&quot;>" q="&quot;" refs="&#x9;&#xA;&#xD; " t=" a b c" xml:lang="it">x</r>',
    )
    expect(canonicalizeDocument(scanXml(TRICKY.text!), { exclusive: true })).toBe(
      '<r>\n  <t>a &lt; b &amp;&amp; c &gt; d &#xD; ]]&gt; \u00e8\u20ac\ud83d\ude00</t>\n<c>&lt;raw&gt; &amp; ]] &gt;</c><e></e><e></e></r>',
    )
    expect(canonicalizeDocument(scanXml(TRICKY.structure!), { exclusive: true })).toBe(
      '<?xml-stylesheet href="a.xsl"?>\n<r><?pi data  ?><?empty?>\n  <p:x xmlns:p="urn:p" attr="v">t</p:x>\n</r>\n<?after x?>',
    )
  })
})

describe('the scanner refuses what is not well-formed, namespace-correct XML 1.0', () => {
  it.each([
    ['unclosed element', '<a><b></a>'],
    ['text after the root', '<a/>x'],
    ['two roots', '<a/><b/>'],
    ['no root', '<?pi?>'],
    ['repeated attribute', '<a x="1" x="2"/>'],
    ['repeated expanded attribute name', '<a xmlns:p="urn:x" xmlns:q="urn:x" p:x="1" q:x="2"/>'],
    ['unbound element prefix', '<p:a/>'],
    ['unbound attribute prefix', '<a p:x="1"/>'],
    ['undeclared entity', '<a>&nbsp;</a>'],
    ['bare ampersand', '<a>fish & chips</a>'],
    ['character reference to NUL', '<a>&#0;</a>'],
    ['forbidden control character', '<a>\u0001</a>'],
    ["'<' in an attribute value", '<a x="<"/>'],
    ["']]>' in text", '<a>]]></a>'],
    ["'--' in a comment", '<a><!-- a -- b --></a>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['an XML declaration not at the start', ' <?xml version="1.0"?><a/>'],
    ['XML 1.1', '<?xml version="1.1"?><a/>'],
    ["rebinding the 'xml' prefix", '<a xmlns:xml="urn:x"/>'],
    ['undeclaring a prefix', '<a xmlns:p=""/>'],
    ['attributes without whitespace between them', '<a x="1"y="2"/>'],
  ])('%s', (_, xml) => {
    expect(() => scanXml(xml)).toThrow(XmlSyntaxError)
  })
})

describe('decoding', () => {
  it('reads UTF-8 with a BOM and maps characters back to byte offsets', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>è</a>')])
    const decoded = decodeXml(bytes)
    expect(scanXml(decoded.text).root.local).toBe('a')
    expect(decoded.byteOffset(decoded.text.indexOf('</a>'))).toBe(bytes.indexOf('</a>'))
  })

  it('reads ISO-8859-1 as declared', () => {
    const decoded = decodeXml(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>\u00e8</a>', 'latin1'))
    expect(decoded).toMatchObject({ encoding: 'ISO-8859-1' })
    expect(decoded.text).toContain('<a>\u00e8</a>')
  })

  it.each([
    ['UTF-16', Buffer.from('\ufeff<a/>', 'utf16le')],
    ['invalid UTF-8', Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e])],
    ['an unsupported declared encoding', Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><a/>')],
  ])('refuses %s', (_, bytes) => {
    expect(() => decodeXml(bytes)).toThrow(XmlDecodeError)
  })
})
