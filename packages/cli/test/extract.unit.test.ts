import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run, sdiSample, validSampleInvoice } from '@varco/testing'
import { ExitCode, main } from '../src/index.ts'
import { memoryIo } from './helpers/memory-io.ts'

const dir = mkdtempSync(join(tmpdir(), 'varco-cli-extract-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const legacy = sdiSample('samples/legacy/IT01234567890_11111.xml.p7m')
// What openssl reads as the content: an independent extraction to compare with.
// openssl reads the content without verifying it: an independent `varco extract`.
const legacyContent = run('openssl', ['cms', '-verify', '-noverify', '-binary', '-inform', 'DER'], legacy).stdout
const base64 = `${legacy.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`

function extract(args: readonly string[]) {
  const memory = memoryIo({ 'IT_1.xml.p7m': legacy, 'b64.XML.P7M': base64, 'a.xml': validSampleInvoice() })
  return { ...memory, exit: main(['extract', ...args], memory.io) }
}

describe('varco extract', () => {
  it('writes the content byte for byte to FILE without .p7m', async () => {
    expect(legacyContent.length).toBeGreaterThan(1000)
    const memory = extract(['IT_1.xml.p7m'])
    expect(await memory.exit).toBe(ExitCode.ok)
    expect(memory.files.get('IT_1.xml')?.equals(legacyContent)).toBe(true)
    expect(memory.out()).toBe(
      `extracted  IT_1.xml.p7m -> IT_1.xml (${legacyContent.length} bytes; signature not verified: see varco verify)\n`,
    )
  })

  it('reads base64 (wrapped, CRLF) and writes OUT, or stdout alone for -', async () => {
    const named = extract(['b64.XML.P7M', 'out.xml'])
    expect(await named.exit).toBe(ExitCode.ok)
    expect(named.files.get('out.xml')?.equals(legacyContent)).toBe(true)
    const piped = extract(['b64.XML.P7M'])
    expect(await piped.exit).toBe(ExitCode.ok)
    expect(piped.files.get('b64.XML')?.equals(legacyContent)).toBe(true)
    const stdout = extract(['IT_1.xml.p7m', '-'])
    expect(await stdout.exit).toBe(ExitCode.ok)
    expect(stdout.outBytes().equals(legacyContent)).toBe(true)
  })

  it('exits 1 with a clear message for a file that is not a p7m, or not there', async () => {
    const xml = extract(['a.xml', 'out.xml'])
    expect(await xml.exit).toBe(ExitCode.invalid)
    expect(xml.err()).toBe('varco extract: a.xml is not a readable .p7m: not a .p7m: neither DER nor base64\n')
    expect(xml.files.has('out.xml')).toBe(false)
    const missing = extract(['nope.p7m'])
    expect(await missing.exit).toBe(ExitCode.invalid)
    expect(missing.err()).toBe('varco extract: cannot read nope.p7m: no such file\n')
  })

  it.each([
    [[], 'name the .p7m to extract'],
    [['a.xml'], 'a.xml does not end in .p7m: name OUT (or - for stdout)'],
    [['IT_1.xml.p7m', 'IT_1.xml.p7m'], 'the output would overwrite the input'],
    [['IT_1.xml.p7m', 'a', 'b'], 'one .p7m and at most one output, not 3 files'],
    [['--verify', 'IT_1.xml.p7m'], "Unknown option '--verify'"],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const memory = extract(args)
    expect(await memory.exit).toBe(ExitCode.usage)
    expect(memory.err()).toContain(message)
    expect(memory.err()).toContain('Usage: varco extract FILE.p7m [OUT|-]\n')
  })
})
