import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdiSample, validSampleInvoice } from '@varco/testing'
import { ExitCode, main } from '../src/index.ts'
import { memoryIo } from './helpers/memory-io.ts'
import { createCliPki } from './helpers/pki.ts'

const pki = createCliPki()
afterAll(() => pki.cleanup())

const valid = validSampleInvoice()
const badDivisa = valid.replace('<Divisa>EUR</Divisa>', '<Divisa>EURO</Divisa>')
const files: Record<string, string | Buffer> = {
  'legacy.xml.p7m': sdiSample('samples/legacy/IT01234567890_11111.xml.p7m'),
  'junk.xml.p7m': 'not a signature',
  'plain.xml': valid,
}

beforeAll(async () => {
  const memory = memoryIo({ ...pki.files(), 'a.xml': valid, 'bad.xml': badDivisa }, { env: { P: pki.password } })
  for (const input of ['a.xml', 'bad.xml']) {
    const args = ['sign', '--format', 'cades', '--p12', 'signer.p12', '--password-env', 'P', input]
    expect(await main(args, memory.io)).toBe(ExitCode.ok)
  }
  const signed = memory.files.get('a.xml.p7m')!
  const tampered = Buffer.from(signed)
  const at = tampered.indexOf('<Numero>') + '<Numero>'.length
  tampered[at] = tampered[at]! ^ 0x01
  Object.assign(files, {
    'a.xml.p7m': signed,
    'bad.xml.p7m': memory.files.get('bad.xml.p7m')!,
    'base64.xml.p7m': signed.toString('base64'),
    // A .p7m under an .xml name is still opened: detected by its bytes.
    'renamed.xml': signed,
    'tampered.xml.p7m': tampered,
  })
})

function validate(args: readonly string[]) {
  const memory = memoryIo({ ...pki.files(), ...files })
  return { ...memory, exit: main(['validate', ...args], memory.io) }
}

describe('varco validate on signed files', () => {
  it('validates the invoice inside a .p7m (DER or base64), saying the signature was not verified', async () => {
    const memory = validate(['a.xml.p7m', 'base64.xml.p7m', 'renamed.xml'])
    expect(await memory.exit).toBe(ExitCode.ok)
    expect(memory.out()).toBe(
      [
        'ok    a.xml.p7m (signature not verified: no --trust)\n',
        'ok    base64.xml.p7m (signature not verified: no --trust)\n',
        'ok    renamed.xml (signature not verified: no --trust)\n',
      ].join(''),
    )
  })

  it('reports the content’s errors with their codes', async () => {
    const memory = validate(['bad.xml.p7m'])
    expect(await memory.exit).toBe(ExitCode.invalid)
    expect(memory.out()).toMatch(/^FAIL {2}bad\.xml\.p7m \(1 error; signature not verified: no --trust\)\n {2}00200 /)
  })

  it('verifies the signature with --trust', async () => {
    const memory = validate(['--trust', 'ca.pem', 'a.xml.p7m', 'plain.xml'])
    expect(await memory.exit).toBe(ExitCode.ok)
    expect(memory.out()).toBe('ok    a.xml.p7m (signature valid)\nok    plain.xml\n')
  })

  it('reports an untrusted signer as 00104, an error of that file', async () => {
    const memory = validate(['--lang', 'it', '--trust', 'other-ca.pem', 'a.xml.p7m'])
    expect(await memory.exit).toBe(ExitCode.invalid)
    expect(memory.out()).toBe(
      "FAIL  a.xml.p7m (1 error; signature invalid)\n  00104 La CA che ha emesso il certificato non è affidabile: no chain from 'CN=Varco CLI Test CA,O=Varco Test,C=IT' to a trusted CA\n",
    )
  })

  it('reports a flipped content byte as 00102, before what the content itself gets wrong', async () => {
    const memory = validate(['--trust', 'ca.pem', 'tampered.xml.p7m'])
    expect(await memory.exit).toBe(ExitCode.invalid)
    expect(memory.out()).toMatch(
      /^FAIL {2}tampered\.xml\.p7m \(\d+ errors?; signature invalid\)\n {2}00102 Invalid signature: /,
    )
  })

  it('reports the official sample as expired (00100) and untrusted (00104), then its format errors', async () => {
    const memory = validate(['--json', '--trust', 'ca.pem', 'legacy.xml.p7m'])
    expect(await memory.exit).toBe(ExitCode.invalid)
    const [verdict] = JSON.parse(memory.out()) as Array<{ signature: string; errors: Array<{ code: string }> }>
    expect(verdict!.signature).toBe('invalid')
    expect(verdict!.errors.map((error) => error.code).slice(0, 3)).toEqual(['00100', '00104', '00200'])
  })

  it('reports a .p7m that cannot be opened as 00102, with or without --trust', async () => {
    for (const args of [['junk.xml.p7m'], ['--trust', 'ca.pem', 'junk.xml.p7m']]) {
      const memory = validate(args)
      expect(await memory.exit).toBe(ExitCode.invalid)
      expect(memory.out()).toBe(
        'FAIL  junk.xml.p7m (1 error; signature invalid)\n  00102 Invalid signature: junk.xml.p7m is not a readable .p7m: not a .p7m: neither DER nor base64\n',
      )
    }
  })

  it('says nothing of signatures for plain XML, in JSON either', async () => {
    const memory = validate(['--json', 'plain.xml'])
    expect(await memory.exit).toBe(ExitCode.ok)
    expect(JSON.parse(memory.out())).toEqual([{ file: 'plain.xml', valid: true, errors: [] }])
  })

  it('exits 1 when a --trust file cannot be read or holds no certificate', async () => {
    const missing = validate(['--trust', 'nope.pem', 'a.xml.p7m'])
    expect(await missing.exit).toBe(ExitCode.invalid)
    expect(missing.err()).toBe('varco validate: cannot read --trust nope.pem: no such file\n')
    const key = validate(['--trust', 'signer.key', 'a.xml.p7m'])
    expect(await key.exit).toBe(ExitCode.invalid)
    expect(key.err()).toContain('--trust signer.key: no certificate in the file')
  })
})
