import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdiSample, validSampleInvoice } from '@varco/testing'
import { ExitCode, main } from '../src/index.ts'
import { memoryIo } from './helpers/memory-io.ts'
import { createCliPki } from './helpers/pki.ts'

const pki = createCliPki()
afterAll(() => pki.cleanup())

const legacy = sdiSample('samples/legacy/IT01234567890_11111.xml.p7m')
const signed: Record<string, Buffer> = {}

beforeAll(async () => {
  const memory = memoryIo({ ...pki.files(), 'a.xml': validSampleInvoice() }, { env: { P: pki.password } })
  for (const format of ['cades', 'xades']) {
    const exit = await main(
      ['sign', '--format', format, '--p12', 'signer.p12', '--password-env', 'P', 'a.xml'],
      memory.io,
    )
    expect(exit).toBe(ExitCode.ok)
  }
  signed['a.xml.p7m'] = memory.files.get('a.xml.p7m')!
  signed['a.signed.xml'] = memory.files.get('a.signed.xml')!
})

function tampered(p7m: Buffer): Buffer {
  const copy = Buffer.from(p7m)
  const at = copy.indexOf('<Numero>') + '<Numero>'.length
  copy[at] = copy[at]! ^ 0x01
  return copy
}

function verify(args: readonly string[], extra: Record<string, string | Buffer> = {}) {
  const memory = memoryIo({ ...pki.files(), ...signed, 'legacy.p7m': legacy, ...extra })
  return { ...memory, exit: main(['verify', ...args], memory.io) }
}

describe('varco verify', () => {
  it.each([
    ['a.xml.p7m', 'CAdES-BES'],
    ['a.signed.xml', 'XAdES-BES'],
  ])('exits 0 for %s signed by a trusted CA, with the signer and signing time', async (file, format) => {
    const memory = verify(['--trust', 'ca.pem', file])
    expect(await memory.exit).toBe(ExitCode.ok)
    const out = memory.out()
    expect(out).toMatch(new RegExp(`^valid {4}${file.replaceAll('.', '\\.')} \\(${format}\\)\n`))
    expect(out).toContain('  signer        CN=Mario Rossi,O=Varco Test,C=IT\n')
    expect(out).toContain('  issuer        CN=Varco CLI Test CA,O=Varco Test,C=IT\n')
    expect(out).toContain(`  serial        ${pki.serial} (hex), ${BigInt(`0x${pki.serial}`)}\n`)
    expect(out).toMatch(/ {2}validity {6}\d{4}-\S+Z to \d{4}-\S+Z\n/)
    expect(out).toMatch(/ {2}signing time {2}\d{4}-\d\d-\d\dT[\d:.]+Z\n/)
    expect(out).toContain('revocation    not checked')
    expect(out).not.toContain('problems')
  })

  it('says 00104, and why, when nothing is trusted', async () => {
    const memory = verify(['a.xml.p7m'])
    expect(await memory.exit).toBe(ExitCode.invalid)
    expect(memory.out()).toMatch(/^INVALID {2}a\.xml\.p7m \(CAdES-BES\): 00104 The issuing CA is not trusted\n/)
    expect(memory.out()).toContain("    00104 no chain from 'CN=Varco CLI Test CA,O=Varco Test,C=IT' to a trusted CA\n")
    expect(memory.out()).toContain('no --trust given: no CA is trusted')
  })

  it('says 00104 when only another CA is trusted, and takes several --trust files', async () => {
    const other = verify(['--trust', 'other-ca.pem', 'a.signed.xml'])
    expect(await other.exit).toBe(ExitCode.invalid)
    expect(other.out()).toContain('): 00104 ')
    expect(other.out()).not.toContain('no --trust given')
    expect(await verify(['--trust', 'other-ca.pem', '--trust', 'ca.pem', 'a.signed.xml']).exit).toBe(ExitCode.ok)
  })

  it('reports the official sample as expired (00100), with every problem, without crashing', async () => {
    const memory = verify(['legacy.p7m'])
    expect(await memory.exit).toBe(ExitCode.invalid)
    const out = memory.out()
    expect(out).toMatch(/^INVALID {2}legacy\.p7m \(CAdES-BES\): 00100 Signing certificate expired\n/)
    expect(out).toContain('CN=Giordano Bigarelli')
    expect(out).toContain('  signing time  2014-02-06T09:38:42.000Z\n')
    expect(out).toMatch(/problems\n {4}00100 certificate expired on 2016-03-29T13:33:44\.000Z[^\n]+\n {4}00104 /)
  })

  it('judges validity at --received-at: the sample received in June 2014 is only untrusted', async () => {
    const memory = verify(['--received-at', '2014-06-10T10:00:00+02:00', 'legacy.p7m'])
    expect(await memory.exit).toBe(ExitCode.invalid)
    expect(memory.out()).toContain('): 00104 ')
    expect(memory.out()).not.toContain('00100')
    // Received before it was signed: the signing time is after the reception (00105).
    const early = verify(['--trust', 'ca.pem', '--received-at', '2020-01-01', 'a.xml.p7m'])
    expect(await early.exit).toBe(ExitCode.invalid)
    expect(early.out()).toContain('): 00105 ')
  })

  it('says 00102 for a p7m with one byte of its content flipped', async () => {
    const memory = verify(['--trust', 'ca.pem', 'bad.xml.p7m'], { 'bad.xml.p7m': tampered(signed['a.xml.p7m']!) })
    expect(await memory.exit).toBe(ExitCode.invalid)
    expect(memory.out()).toMatch(/^INVALID {2}bad\.xml\.p7m \(CAdES-BES\): 00102 Invalid signature\n/)
    expect(memory.out()).toContain('    00102 the content does not match the signed digest')
  })

  it('says 00102 for bytes that are no signature at all', async () => {
    const memory = verify(['--trust', 'ca.pem', 'junk.p7m'], { 'junk.p7m': 'hello' })
    expect(await memory.exit).toBe(ExitCode.invalid)
    expect(memory.out()).toContain(': 00102 Invalid signature\n')
  })

  it('writes the verdict as JSON, without the content', async () => {
    const memory = verify(['--json', 'legacy.p7m'])
    expect(await memory.exit).toBe(ExitCode.invalid)
    const verdict = JSON.parse(memory.out()) as Record<string, unknown>
    expect(verdict).toMatchObject({
      file: 'legacy.p7m',
      valid: false,
      code: '00100',
      intact: true,
      format: 'cades',
      signingTime: '2014-02-06T09:38:42.000Z',
      revocation: 'not-checked',
      trustAnchors: 0,
      signer: { serial: '442baf3a', notAfter: '2016-03-29T13:33:44.000Z' },
    })
    expect((verdict.problems as Array<{ code: string }>).map((problem) => problem.code)).toEqual(['00100', '00104'])
    expect(verdict).not.toHaveProperty('content')
  })

  it('exits 1 for a file or a --trust file that cannot be read or trusts nothing', async () => {
    const missing = verify(['nope.p7m'])
    expect(await missing.exit).toBe(ExitCode.invalid)
    expect(missing.err()).toBe('varco verify: cannot read nope.p7m: no such file\n')
    const noTrust = verify(['--trust', 'nope.pem', 'a.xml.p7m'])
    expect(await noTrust.exit).toBe(ExitCode.invalid)
    expect(noTrust.err()).toBe('varco verify: cannot read --trust nope.pem: no such file\n')
    const key = verify(['--trust', 'signer.key', 'a.xml.p7m'])
    expect(await key.exit).toBe(ExitCode.invalid)
    expect(key.err()).toBe('varco verify: --trust signer.key: no certificate in the file (PEM or DER expected)\n')
  })

  it.each([
    [[], 'name the signed file to verify'],
    [['a.xml.p7m', 'b.p7m'], 'one file at a time, not 2'],
    [['--received-at', '23/11/2026', 'a.xml.p7m'], '--received-at takes an ISO date or date-time with offset'],
    [
      ['--received-at', '2026-11-23T10:00:00', 'a.xml.p7m'],
      "with offset (2026-11-23, 2026-11-23T10:15:00+01:00), not '",
    ],
    [['--received-at', '2026-02-30', 'a.xml.p7m'], "not '2026-02-30'"],
    [['--trust', 'a.xml.p7m'], 'name the signed file to verify'],
    [['--strict', 'a.xml.p7m'], "Unknown option '--strict'"],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const memory = verify(args)
    expect(await memory.exit).toBe(ExitCode.usage)
    expect(memory.err()).toContain(message)
    expect(memory.err()).toContain('Usage: varco verify [--trust PEM]... [--received-at ISO] [--json] FILE\n')
  })
})
