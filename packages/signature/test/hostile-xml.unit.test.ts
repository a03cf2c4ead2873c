import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DOMParser } from '@xmldom/xmldom'
import { SignedXml } from 'xml-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPemIdentity, signXades, verifyFile } from '../src/index.ts'
import { createTestPki, type TestPki } from '@varco/testing'
import { read, sampleInvoices } from './helpers/shared.ts'

let pki: TestPki
let server: Server
let requests = 0
let url: string
let signed: string

beforeAll(async () => {
  pki = createTestPki()
  server = createServer((_request, response) => {
    requests++
    response.end('<!ENTITY leaked "LEAKED">')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/entity`
  const signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
  signed = (await signXades(read(sampleInvoices()[0]!.path), signer)).toString('utf8')
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  pki.cleanup()
})

// A DOCTYPE spliced in after the XML declaration of an otherwise valid signed invoice.
const withDoctype = (doctype: string, body = (text: string): string => text): string =>
  body(signed.replace('?>', `?>\n${doctype}`))

describe('hostile XML given to the XAdES verifier', () => {
  it.each([
    [
      'billion laughs',
      '<!DOCTYPE p:FatturaElettronica [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    ],
    ['external entity (file)', '<!DOCTYPE p:FatturaElettronica [<!ENTITY x SYSTEM "file:///etc/passwd">]>'],
    ['external entity (http)', () => `<!DOCTYPE p:FatturaElettronica [<!ENTITY x SYSTEM "${url}">]>`],
    ['external DTD (http)', () => `<!DOCTYPE p:FatturaElettronica SYSTEM "${url}">`],
    ['parameter entity (http)', () => `<!DOCTYPE p:FatturaElettronica [<!ENTITY % p SYSTEM "${url}"> %p;]>`],
  ])('%s: refused as 00102 before any parsing, nothing fetched', async (_, doctype) => {
    const text = withDoctype(typeof doctype === 'string' ? doctype : doctype(), (t) =>
      t.replace('<Numero>', '<Numero>&x;'),
    )
    const verdict = await verifyFile(Buffer.from(text), { trust: [pki.ca.certPem] })
    expect(verdict).toMatchObject({ valid: false, code: '00102', intact: false })
    expect(verdict.message).toMatch(/DOCTYPE declarations are not accepted/)
    expect(requests).toBe(0)
  })

  it('undeclared entities and unbound prefixes are refused, not guessed', async () => {
    for (const text of [
      signed.replace('<Numero>', '<Numero>&nbsp;'),
      signed.replace('<Numero>', '<x:Numero>').replace('</Numero>', '</x:Numero>'),
    ]) {
      const verdict = await verifyFile(Buffer.from(text), { trust: [pki.ca.certPem] })
      expect(verdict).toMatchObject({ code: '00102' })
      expect(verdict.message).toMatch(/not well-formed XML/)
    }
  })

  it('deep nesting and bloated signatures are refused quickly (00102), before any tree walk', async () => {
    const deep = `${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}`
    const wide = '<x/>'.repeat(20_000)
    for (const [filler, reason] of [
      [deep, /nested deeper than 256/],
      [wide, /too large/],
    ] as const) {
      const started = performance.now()
      const text = signed.replace('</ds:Object>', `</ds:Object><ds:Object>${filler}</ds:Object>`)
      const verdict = await verifyFile(Buffer.from(text), { trust: [pki.ca.certPem] })
      expect(verdict.code).toBe('00102')
      expect(verdict.message).toMatch(reason)
      expect(performance.now() - started).toBeLessThan(2_000)
    }
  })

  it('a second element with the SignedProperties Id (signature wrapping) is refused', async () => {
    const id = /<xades:SignedProperties Id="([^"]+)"/.exec(signed)![1]!
    const text = signed.replace('</ds:Object>', `</ds:Object><ds:Object><x Id="${id}"/></ds:Object>`)
    const verdict = await verifyFile(Buffer.from(text), { trust: [pki.ca.certPem] })
    expect(verdict).toMatchObject({ code: '00102', message: `Id '${id}' appears twice in the signature` })
  })
})

describe('the XML parsers underneath never resolve external entities', () => {
  const xxe = (): string =>
    `<!DOCTYPE r [<!ENTITY x SYSTEM "${url}"><!ENTITY y SYSTEM "file:///etc/passwd">]><r>&x;&y;</r>`

  it('@xmldom/xmldom 0.9 (ours) reports the entities as unknown and fetches nothing', () => {
    const errors: string[] = []
    const document = new DOMParser({ onError: (_, message) => errors.push(message) }).parseFromString(xxe(), 'text/xml')
    expect(document.documentElement?.textContent).not.toMatch(/LEAKED|root:/)
    expect(errors.join(' ')).toMatch(/entity not found/)
    expect(requests).toBe(0)
  })

  it("xml-crypto's own xmldom (0.8) fetches nothing either", () => {
    expect(() => new SignedXml().checkSignature(xxe())).toThrow()
    expect(requests).toBe(0)
  })
})
