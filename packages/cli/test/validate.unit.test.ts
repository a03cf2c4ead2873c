import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it, onTestFinished } from 'vitest'
import { sdiSample, validSampleInvoice } from '@varco/testing'
import { ExitCode, main } from '../src/index.ts'
import { memoryIo } from './helpers/memory-io.ts'

// The day the expected dates are judged against.
const now = new Date('2026-11-23T12:00:00Z')
const memory = (files: Record<string, string | Buffer>) => memoryIo(files, { now })

const valid = validSampleInvoice()
const zeroRate = valid.replace('<AliquotaIVA>22.00</AliquotaIVA>', '<AliquotaIVA>0.00</AliquotaIVA>')
const badDivisa = valid.replace('<Divisa>EUR</Divisa>', '<Divisa>EURO</Divisa>')

describe('varco validate', () => {
  it('exits 0 and says ok when every file is valid', async () => {
    const { io, out } = memory({ 'a.xml': valid })
    expect(await main(['validate', 'a.xml'], io)).toBe(ExitCode.ok)
    expect(out()).toBe('ok    a.xml\n')
  })

  it('exits 1 and lists each error with its SdI code and path, in the language asked for', async () => {
    const { io, out } = memory({ 'a.xml': valid, 'b.xml': zeroRate, 'c.xml': badDivisa })
    expect(await main(['validate', '--lang', 'it', 'a.xml', 'b.xml', 'c.xml'], io)).toBe(ExitCode.invalid)
    expect(out()).toContain('ok    a.xml\n')
    expect(out()).toMatch(/FAIL {2}b\.xml \(3 errors\)\n/)
    expect(out()).toContain(
      '  00400 FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[0].Natura: La riga 1 ha AliquotaIVA 0.00 ma nessuna Natura\n',
    )
    expect(out()).toMatch(
      /FAIL {2}c\.xml \(1 error\)\n {2}00200 FatturaElettronicaBody\[0\]\.DatiGenerali\.DatiGeneraliDocumento\.Divisa: /,
    )
  })

  it('writes JSON a vendor’s CI can read', async () => {
    const { io, out } = memory({ 'c.xml': badDivisa })
    expect(await main(['validate', '--json', 'c.xml'], io)).toBe(ExitCode.invalid)
    const [verdict] = JSON.parse(out()) as Array<{
      file: string
      valid: boolean
      errors: Array<{ code: string; path: string; message: { it: string; en: string } }>
    }>
    expect(verdict).toMatchObject({ file: 'c.xml', valid: false })
    expect(verdict!.errors[0]).toMatchObject({
      code: '00200',
      path: 'FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.Divisa',
    })
    expect(verdict!.errors[0]!.message.it.length).toBeGreaterThan(0)
  })

  it('reports a missing file as an error of that file, not a crash', async () => {
    const { io, out } = memory({})
    expect(await main(['validate', 'nope.xml'], io)).toBe(ExitCode.invalid)
    expect(out()).toContain('FAIL  nope.xml (1 error)\n  00106 Cannot read the file: no such file\n')
  })

  it.each([
    [['validate'], 'name at least one file'],
    [['validate', '--lang', 'de', 'a.xml'], '--lang takes it or en'],
    [['validate', '--received-at', '23/11/2026', 'a.xml'], '--received-at takes a date'],
    [['validate', '--colour', 'a.xml'], "Unknown option '--colour'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const { io, err } = memory({ 'a.xml': valid })
    expect(await main(args, io)).toBe(ExitCode.usage)
    expect(err()).toContain(message)
  })

  it('judges dates against --received-at', async () => {
    const { io, out } = memory({ 'a.xml': valid })
    // The sample is dated 2014-12-18: received the day before, its date is in the future (00403).
    expect(await main(['validate', '--received-at', '2014-12-17', 'a.xml'], io)).toBe(ExitCode.invalid)
    expect(out()).toContain('00403')
  })
})

describe('the varco bin', () => {
  it('runs from node_modules/.bin after the install, with real files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'varco-cli-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    await writeFile(join(dir, 'ok.xml'), valid)
    await writeFile(join(dir, 'sample.xml'), sdiSample('samples/invoices/IT01234567890_FPR01.xml'))
    const bin = resolve(import.meta.dirname, '../../../node_modules/.bin/varco')
    const run = promisify(execFile)
    const ok = await run(bin, ['validate', join(dir, 'ok.xml')])
    expect(ok.stdout).toContain('ok ')
    // The official sample's numbers are fictitious: SdI would refuse its VAT numbers (003xx), and so do we.
    const failed = await run(bin, ['validate', '--json', join(dir, 'sample.xml')]).catch(
      (err: { code: number; stdout: string }) => err,
    )
    expect('code' in failed ? failed.code : 0).toBe(1)
    expect(failed.stdout).toContain('"00301"')
  })
})
