import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { opensslVerify, validSampleInvoice, xmlsecVerify } from '@varco/testing'
import { createCliPki } from './helpers/pki.ts'

const pki = createCliPki()
afterAll(() => pki.cleanup())

const bin = resolve(import.meta.dirname, '../../../node_modules/.bin/varco')
const invoice = Buffer.from(validSampleInvoice())

interface Run {
  readonly code: number
  readonly stdout: Buffer
  readonly stderr: string
}

// The real bin, in the PKI directory, with only the variables it needs (PATH for node, the password).
function varco(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const options = { cwd: pki.dir, encoding: 'buffer', env: { PATH: process.env.PATH, ...env } } as const
  return new Promise((done) => {
    execFile(bin, args, options, (err, stdout, stderr) => {
      done({ code: err === null ? 0 : Number(err.code), stdout, stderr: stderr.toString() })
    })
  })
}

describe('the varco bin, signing and verifying real files', () => {
  it('signs files that openssl and xmlsec1 verify, and verifies and extracts them', { timeout: 60_000 }, async () => {
    writeFileSync(pki.path('IT_1.xml'), invoice)
    const cades = await varco(['sign', '--format', 'cades', '--p12', 'signer.p12', 'IT_1.xml'], {
      VARCO_P12_PASSWORD: pki.password,
    })
    expect(cades).toMatchObject({ code: 0, stderr: '' })
    const checked = opensslVerify(pki.dir, readFileSync(pki.path('IT_1.xml.p7m')), pki.path('ca.pem'))
    expect(checked.stderr).toContain('Verification successful')
    expect(checked.stdout.equals(invoice)).toBe(true)

    const xades = await varco(['sign', '--format', 'xades', '--key', 'signer.key', '--cert', 'signer.pem', 'IT_1.xml'])
    expect(xades.code).toBe(0)
    expect(xmlsecVerify(pki.dir, readFileSync(pki.path('IT_1.signed.xml')), pki.path('ca.pem'))).toMatchObject({
      ok: true,
    })

    for (const file of ['IT_1.xml.p7m', 'IT_1.signed.xml']) {
      const verified = await varco(['verify', '--trust', 'ca.pem', file])
      expect(verified.code).toBe(0)
      expect(verified.stdout.toString()).toMatch(/^valid {4}/)
    }
    const extracted = await varco(['extract', 'IT_1.xml.p7m', '-'])
    expect(extracted.code).toBe(0)
    expect(extracted.stdout.equals(invoice)).toBe(true)
  })

  it(
    'fails with one line and no stack: 1 for a tampered file or a wrong password, 2 for usage',
    { timeout: 60_000 },
    async () => {
      writeFileSync(pki.path('IT_2.xml'), invoice)
      const password = { VARCO_P12_PASSWORD: pki.password }
      expect((await varco(['sign', '--format', 'cades', '--p12', 'signer.p12', 'IT_2.xml'], password)).code).toBe(0)
      const signed = readFileSync(pki.path('IT_2.xml.p7m'))
      const at = signed.indexOf('<Numero>') + '<Numero>'.length
      signed[at] = signed[at]! ^ 0x01
      writeFileSync(pki.path('tampered.xml.p7m'), signed)
      const tampered = await varco(['verify', '--trust', 'ca.pem', 'tampered.xml.p7m'])
      expect(tampered.code).toBe(1)
      expect(tampered.stdout.toString()).toContain(': 00102 Invalid signature\n')

      const wrong = await varco(['sign', '--format', 'cades', '--p12', 'signer.p12', 'IT_2.xml', 'wrong.p7m'], {
        VARCO_P12_PASSWORD: 'wrong',
      })
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toMatch(/^varco sign: Invalid signing identity: [^\n]+\(SIG_ERR_IDENTITY\)\n$/)

      const unset = await varco(['sign', '--format', 'cades', '--p12', 'signer.p12', 'IT_2.xml', 'unset.p7m'])
      expect(unset.code).toBe(2)
      expect(unset.stderr).toContain('the environment variable VARCO_P12_PASSWORD is not set')
    },
  )
})
