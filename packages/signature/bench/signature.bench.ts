/* eslint-disable no-console -- a command-line benchmark reports on stdout */
import { spawnSync } from 'node:child_process'
import { sign } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'
import {
  loadPemIdentity,
  signCades,
  signXades,
  trustStoreFrom,
  verifyCades,
  verifyXades,
  type VerifyOptions,
} from '../src/index.ts'
import { signXadesWithoutTemplate } from '../src/xades/sign.ts'
import { createTestPki } from '@varco/testing'
import { benchInputs } from './inputs.ts'

/*
 * CPU cost per signature, in one process: bare RSA-2048 crypto.sign (the reference), CAdES and XAdES sign and
 * verify on a ~10 KB and a ~400 KB invoice, and `openssl cms -sign -cades` through the CLI.
 * Run: node --conditions=@varco/source packages/signature/bench/signature.bench.ts
 * CPU time is process.cpuUsage (user + system, all threads) per operation: median of RUNS timed runs after a warm-up.
 */

const RUNS = 7
const RUN_CPU_MS = 400

const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** Median CPU µs per call of an async step over RUNS runs of about RUN_CPU_MS each, after a warm-up. */
async function measure(step: () => unknown): Promise<number> {
  let iterations = 0
  const start = cpuMicros()
  while (cpuMicros() - start < RUN_CPU_MS * 1000) {
    await step()
    iterations++
  }
  const perRun = Math.max(3, iterations)
  const results: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const before = cpuMicros()
    for (let i = 0; i < perRun; i++) await step()
    results.push((cpuMicros() - before) / perRun)
  }
  return results.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN
}

// `times` in bash prints the CPU time of the shell's children: openssl's own user+system time, process start included.
function childCpuMicros(script: string): number {
  const out =
    spawnSync('bash', ['-c', `${script} >/dev/null 2>&1; times`])
      .stdout.toString()
      .trim()
      .split('\n')
      .at(-1) ?? ''
  const seconds = [...out.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, [, m, s]) => sum + Number(m) * 60 + Number(s), 0)
  return seconds * 1e6
}

function opensslPerSignature(
  dir: string,
  file: string,
  certFile: string,
  keyFile: string,
  count: number,
): { withStart: number; startOnly: number } {
  const cms = `openssl cms -sign -cades -binary -nodetach -outform DER -in '${file}' -signer '${certFile}' -inkey '${keyFile}' -out '${dir}/out.p7m'`
  return {
    withStart: childCpuMicros(`for i in $(seq ${count}); do ${cms}; done`) / count,
    startOnly: childCpuMicros(`for i in $(seq ${count}); do openssl version; done`) / count,
  }
}

interface Row {
  readonly operation: string
  readonly size: string
  readonly micros: number
  /** The bare RSA cost measured just before this row's block: this VM drifts by ±20 % over a minute. */
  readonly reference: number
}

async function main(): Promise<void> {
  const pki = createTestPki()
  const signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
  const verifyOptions: VerifyOptions = { trust: trustStoreFrom([pki.ca.certPem]) }
  const data = Buffer.from('a short message: the RSA operation alone')
  const bareRsa = (): Promise<number> => measure(() => sign('sha256', data, pki.signer.key))
  const rows: Row[] = []
  for (const { label, bytes } of benchInputs()) {
    const p7m = await signCades(bytes, signer)
    const xades = await signXades(bytes, signer)
    const reference = await bareRsa()
    const add = (operation: string, micros: number): number => rows.push({ operation, size: label, micros, reference })
    add('bare RSA-2048 crypto.sign (reference)', reference)
    add('CAdES sign', await measure(() => signCades(bytes, signer)))
    add('CAdES verify', await measure(() => verifyCades(p7m, verifyOptions)))
    add('XAdES sign', await measure(() => signXades(bytes, signer)))
    add(
      'XAdES sign, xml-crypto for every signature (no template)',
      await measure(() => signXadesWithoutTemplate(bytes, signer)),
    )
    add('XAdES verify', await measure(() => verifyXades(xades, verifyOptions)))
    const file = join(pki.dir, 'bench-input.xml')
    writeFileSync(file, bytes)
    const openssl = opensslPerSignature(pki.dir, file, pki.signer.certFile, pki.signer.keyFile, 40)
    add('openssl cms -sign -cades (CLI, one process per signature)', openssl.withStart)
    add('openssl cms -sign -cades, minus `openssl version` start-up (estimate)', openssl.withStart - openssl.startOnly)
  }
  const forgeKey = forge.pki.privateKeyFromPem(pki.signer.key.export({ type: 'pkcs1', format: 'pem' }).toString())
  const forgeRsa = await measure(() => forgeKey.sign(forge.md.sha256.create().update('a short message')))
  rows.push({
    operation: 'node-forge pure-JS RSA-2048 sign (not used: for comparison)',
    size: '-',
    micros: forgeRsa,
    reference: await bareRsa(),
  })
  pki.cleanup()
  print(rows)
}

function print(rows: readonly Row[]): void {
  console.log(`Node ${process.version}, CPU µs per operation (median of ${RUNS} runs); ops/s/core = 1e6 / CPU µs`)
  console.log('Ratio: ops/s of the row over ops/s of bare RSA-2048 measured just before its block.\n')
  console.log('| operation | input | CPU µs/op | ops/s/core | ratio to bare RSA rate |')
  console.log('|---|---|---:|---:|---:|')
  for (const { operation, size, micros, reference } of rows) {
    console.log(
      `| ${operation} | ${size} | ${micros.toFixed(0)} | ${(1e6 / micros).toFixed(0)} | ${(reference / micros).toFixed(2)} |`,
    )
  }
  const ratio = (operation: string): number => {
    const row = rows.find((candidate) => candidate.operation === operation && candidate.size === '~10 KB')
    return row === undefined ? 0 : row.reference / row.micros
  }
  const cades = ratio('CAdES sign')
  const xades = ratio('XAdES sign')
  console.log(`\nGoal CAdES sign, ~10 KB >= 0.80 of bare RSA: ${cades.toFixed(2)} ${cades >= 0.8 ? 'met' : 'NOT met'}`)
  console.log(`Goal XAdES sign, ~10 KB >= 0.25 of bare RSA: ${xades.toFixed(2)} ${xades >= 0.25 ? 'met' : 'NOT met'}`)
}

await main()
