/* eslint-disable no-console -- a command-line benchmark reports on stdout */
import { checkContent } from '../src/checks/index.ts'
import { validateInvoiceFile } from '../src/validate-invoice.ts'
import { parseFattura } from '../src/xml/parse.ts'
import { createXsdValidator } from '../src/xsd/xsd-validator.ts'
import { XSD_DIR, invoiceOfSize } from './inputs.ts'

/*
 * CPU cost per invoice, in one process, of:
 *   (a) parseFattura: decoding, parsing, structure and value checks (what the XSD checks);
 *   (b) checkContent: the SdI content checks on the parsed model;
 *   (a+b) validateInvoiceFile: everything the validation service runs on a file, from bytes to verdict;
 *   (c) libxml2-wasm parse + validation against the official XSD, schema compiled once, on the same bytes.
 * Run: node --conditions=@varco/source packages/fatturapa/bench/validation.bench.ts
 * CPU time is process.cpuUsage() (user + system, every thread) divided by the iterations of a run. The steps run
 * interleaved (a, b, c, a, b, c, ...) so that JIT and GC states affect them alike; the median of RUNS runs is shown.
 */

const RUNS = 9
const RUN_CPU_MS = 300

interface Step {
  readonly name: string
  readonly run: () => void
  iterations: number
  readonly results: number[]
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** Runs `run` for about RUN_CPU_MS (the warm-up) and returns how many iterations make a run that long. */
function calibrate(run: () => void): number {
  const start = cpuMicros()
  let done = 0
  while (cpuMicros() - start < RUN_CPU_MS * 1000) {
    run()
    done++
  }
  return Math.max(3, done)
}

function measure(steps: readonly Step[]): void {
  for (const step of steps) step.iterations = calibrate(step.run)
  for (let round = 0; round < RUNS; round++) {
    for (const step of steps) {
      const before = cpuMicros()
      for (let i = 0; i < step.iterations; i++) step.run()
      step.results.push((cpuMicros() - before) / step.iterations)
    }
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const micros = (value: number | undefined) =>
  value === undefined ? 'not available' : value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)

function benchmark(name: string, bytes: Buffer, xsd: ReturnType<typeof createXsdValidator>): void {
  const parsed = parseFattura(bytes)
  if (!parsed.ok) throw new Error(`${name}: the input does not parse: ${parsed.issues[0]?.message.en ?? ''}`)
  if (!xsd.validate(bytes).valid) throw new Error(`${name}: the input is not valid for libxml2`)
  const model = parsed.fattura
  const context = { receivedAt: new Date() }
  const verdict = validateInvoiceFile(bytes, context)
  if (!verdict.ok) throw new Error(`${name}: the input has SdI errors: ${verdict.errors[0]?.code ?? ''}`)
  const step = (label: string, run: () => void): Step => ({ name: label, run, iterations: 0, results: [] })
  const steps = [
    step('parse', () => void parseFattura(bytes)),
    step('content', () => void checkContent(model, context)),
    step('all', () => void validateInvoiceFile(bytes, context)),
    step('libxml2', () => void xsd.validate(bytes)),
  ]
  measure(steps)
  const result = (label: string) => median(steps.find((s) => s.name === label)?.results ?? [])
  const spread = (label: string) => {
    const values = steps.find((s) => s.name === label)?.results ?? []
    return `  (runs ${micros(Math.min(...values))}–${micros(Math.max(...values))})`
  }
  const row = (label: string, text: string) =>
    console.log(`  ${text.padEnd(52)} ${micros(result(label)).padStart(9)} µs${spread(label)}`)
  const lines = model.FatturaElettronicaBody[0]?.DatiBeniServizi.DettaglioLinee.length ?? 0
  console.log(`\n${name}: ${bytes.length.toLocaleString('en-US')} bytes, ${lines} lines`)
  row('parse', '(a) parseFattura: parse + structure + values')
  row('content', '(b) checkContent: SdI content checks')
  row('all', '(a+b) validateInvoiceFile: bytes to verdict')
  row('libxml2', '(c) libxml2-wasm: parse + XSD validation')
  console.log(
    `  ratio (a+b)/(c): ${(result('all') / result('libxml2')).toFixed(2)} (goal on the 10 KB invoice: <= 1.5)`,
  )
}

function main(): void {
  using xsd = createXsdValidator(XSD_DIR)
  console.log(`node ${process.version}; median CPU µs per invoice of ${RUNS} interleaved runs of ~${RUN_CPU_MS} ms`)
  benchmark('~10 KB invoice', invoiceOfSize(10_000), xsd)
  benchmark('~1 MB invoice', invoiceOfSize(1_000_000), xsd)
}

main()
