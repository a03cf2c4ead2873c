import { afterAll, describe, expect, it } from 'vitest'
import { opensslVerify, validSampleInvoice, xmlsecVerify } from '@varco/testing'
import { ExitCode, main } from '../src/index.ts'
import { memoryIo, type MemoryIoOptions } from './helpers/memory-io.ts'
import { createCliPki } from './helpers/pki.ts'

const pki = createCliPki()
afterAll(() => pki.cleanup())

const invoice = Buffer.from(validSampleInvoice())
const env = { VARCO_P12_PASSWORD: pki.password, MY_P12: pki.password, KEY_PASS: pki.passphrase }
const p12 = ['--p12', 'signer.p12']
const pem = ['--key', 'signer.key', '--cert', 'signer.pem']

function run(args: readonly string[], options: MemoryIoOptions = { env }) {
  const memory = memoryIo({ ...pki.files(), 'a.xml': invoice, 'notes.txt': 'not XML' }, options)
  return { ...memory, exit: main(['sign', ...args], memory.io) }
}

// Whatever happens, the secrets never reach the output.
function expectNoSecrets(memory: { out(): string; err(): string }): void {
  for (const secret of [pki.password, pki.passphrase]) expect(memory.out() + memory.err()).not.toContain(secret)
}

describe('varco sign', () => {
  it('writes IN.p7m with a .p12 whose password is in VARCO_P12_PASSWORD; openssl verifies it and the content', async () => {
    const memory = run(['--format', 'cades', ...p12, 'a.xml'])
    expect(await memory.exit).toBe(ExitCode.ok)
    expect(memory.out()).toBe('signed  a.xml -> a.xml.p7m (CAdES-BES, CN=Mario Rossi,O=Varco Test,C=IT)\n')
    const checked = opensslVerify(pki.dir, memory.files.get('a.xml.p7m')!, pki.path('ca.pem'))
    expect(checked.stderr).toContain('Verification successful')
    expect(checked.stdout.equals(invoice)).toBe(true)
    expectNoSecrets(memory)
  })

  it('signs XAdES with a PEM key into IN.signed.xml, which xmlsec1 verifies', async () => {
    const memory = run(['--format', 'xades', ...pem, 'a.xml'])
    expect(await memory.exit).toBe(ExitCode.ok)
    expect(memory.out()).toContain('signed  a.xml -> a.signed.xml (XAdES-BES, CN=Mario Rossi')
    const checked = xmlsecVerify(pki.dir, memory.files.get('a.signed.xml')!, pki.path('ca.pem'))
    expect(checked.stderr).toContain('OK')
    expect(checked.ok).toBe(true)
  })

  it('reads an encrypted PEM key’s passphrase from the variable --passphrase-env names, and writes OUT', async () => {
    const args = ['--format', 'cades', '--key', 'signer-encrypted.key', '--cert', 'signer.pem']
    const memory = run([...args, '--passphrase-env', 'KEY_PASS', 'a.xml', 'out/IT_1.xml.p7m'])
    expect(await memory.exit).toBe(ExitCode.ok)
    const p7m = memory.files.get('out/IT_1.xml.p7m')!
    expect(opensslVerify(pki.dir, p7m, pki.path('ca.pem')).stdout.equals(invoice)).toBe(true)
    expectNoSecrets(memory)
  })

  it('takes the .p12 password from another variable with --password-env, and writes - to stdout alone', async () => {
    const memory = run(['--format', 'cades', ...p12, '--password-env', 'MY_P12', 'a.xml', '-'])
    expect(await memory.exit).toBe(ExitCode.ok)
    expect(memory.outBytes()[0]).toBe(0x30)
    expect(memory.outBytes().includes(invoice)).toBe(true)
    expect(memory.files.has('a.xml.p7m')).toBe(false)
  })

  it.each([
    ['a wrong .p12 password', [...p12], { env: { VARCO_P12_PASSWORD: 'wrong' } }, 'wrong password'],
    [
      'an encrypted key without passphrase',
      ['--key', 'signer-encrypted.key', '--cert', 'signer.pem'],
      { env },
      'SIG_ERR_IDENTITY',
    ],
    [
      'a wrong passphrase',
      ['--key', 'signer-encrypted.key', '--cert', 'signer.pem', '--passphrase-env', 'MY_P12'],
      { env },
      'wrong passphrase',
    ],
    [
      'a missing key file',
      ['--key', 'nope.key', '--cert', 'signer.pem'],
      { env },
      'cannot read --key nope.key: no such file',
    ],
    [
      'a certificate file with no certificate',
      ['--key', 'signer.key', '--cert', 'signer.key'],
      { env },
      'no certificate',
    ],
  ])('exits 1 with the coded error’s message for %s', async (_, identity, options, message) => {
    const memory = run(['--format', 'cades', ...identity, 'a.xml'], options)
    expect(await memory.exit).toBe(ExitCode.invalid)
    expect(memory.err()).toContain(message)
    expect(memory.err()).toMatch(/^varco sign: [^\n]+\n$/)
    expect(memory.files.has('a.xml.p7m')).toBe(false)
    expectNoSecrets(memory)
  })

  it('exits 1 when the input cannot be signed or read, or the output written', async () => {
    const notXml = run(['--format', 'xades', ...pem, 'notes.txt'])
    expect(await notXml.exit).toBe(ExitCode.invalid)
    expect(notXml.err()).toMatch(/^varco sign: Unusable input: .+ \(SIG_ERR_INPUT\)\n$/)
    const missing = run(['--format', 'cades', ...pem, 'nope.xml'])
    expect(await missing.exit).toBe(ExitCode.invalid)
    expect(missing.err()).toBe('varco sign: cannot read nope.xml: no such file\n')
    const readOnly = run(['--format', 'cades', ...pem, 'a.xml'], { env, readOnly: true })
    expect(await readOnly.exit).toBe(ExitCode.invalid)
    expect(readOnly.err()).toBe('varco sign: cannot write a.xml.p7m: permission denied\n')
  })

  it.each([
    [[...p12, 'a.xml'], '--format cades or --format xades is required'],
    [['--format', 'pades', ...p12, 'a.xml'], "--format takes cades or xades, not 'pades'"],
    [['--format', 'cades', 'a.xml'], 'name the signing identity'],
    [['--format', 'cades', ...p12, '--key', 'signer.key', 'a.xml'], '--p12 goes alone'],
    [['--format', 'cades', '--key', 'signer.key', 'a.xml'], '--key and --cert go together'],
    [['--format', 'cades', ...pem, '--password-env', 'X', 'a.xml'], '--password-env goes with --p12'],
    [['--format', 'cades', ...p12], 'name the file to sign'],
    [['--format', 'cades', ...p12, 'a.xml', 'b', 'c'], 'one input and at most one output, not 3 files'],
    [['--format', 'cades', ...p12, 'a.xml', 'a.xml'], 'the output would overwrite the input'],
    [['--format', 'cades', ...p12, '--password-env', 'UNSET', 'a.xml'], 'the environment variable UNSET is not set'],
    [['--format', 'cades', ...pem, '--passphrase-env', 'UNSET', 'a.xml'], 'the environment variable UNSET is not set'],
    [['--format', 'cades', '--colour', ...p12, 'a.xml'], "Unknown option '--colour'"],
  ])('exits 2 with a clear message and the usage line for %j', async (args, message) => {
    const memory = run(args)
    expect(await memory.exit).toBe(ExitCode.usage)
    expect(memory.err()).toContain(message)
    expect(memory.err()).toContain('\nUsage: varco sign --format cades|xades (--p12 FILE')
  })

  it.each([['--password=hunter2'], ['--passphrase', 'hunter2'], ['-pin=hunter2'], ['--PASSOUT=hunter2']])(
    'refuses a secret on the command line (%s) without echoing it',
    async (...secret) => {
      const memory = run(['--format', 'cades', ...p12, ...secret, 'a.xml'])
      expect(await memory.exit).toBe(ExitCode.usage)
      expect(memory.err()).toContain('passwords are never taken on the command line')
      expect(memory.err()).not.toContain('hunter2')
    },
  )
})
