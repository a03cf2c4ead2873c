/* eslint-disable no-console -- a command-line benchmark reports on stdout */
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { createServer, request as httpsRequest, type Agent } from 'node:https'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg } from 'node:os'
import {
  createSdIRiceviFileClient,
  mutualTlsAgent,
  mutualTlsServerOptions,
  type RiceviFileRequest,
} from '../src/index.ts'
import { createTlsPki, type TlsPki } from '@varco/testing'
import { invoiceOfSize } from './inputs.ts'
import type { FromServer, ToServer } from './server-process.ts'
import { RICEVI_FILE_RESPONSE, SOAP_PATH, startBenchServers } from './servers.ts'

/*
 * RiceviFile round trips per second over mutual TLS on loopback, through our client (MTOM, and one inline base64
 * row) against our server (mountSdiServices, a handler that answers at once), beside the reference: a bare
 * node:https POST of the same bytes (the MTOM body our client sends, captured once) to a bare https server with the
 * same TLS options and keep-alive, which reads the body and answers the bytes our SOAP server answers to it.
 * Every client uses a keep-alive agent from mutualTlsAgent (32 sockets, the same identity). Goal: SOAP MTOM >= 50 %
 * of the bare rate with 32 calls in flight. Two more rows cross the pairs (bare client -> SOAP server, our client ->
 * bare server) to tell the client's cost from the server's.
 * Run: node --conditions=@varco/source packages/sdi-soap/bench/ricevi-file.bench.ts (`pnpm bench` in the package)
 *
 * Main pass: the servers run in a child process (server-process.ts), so client and server each have an event loop
 * (and a core, as in production), and each side's CPU time (process.cpuUsage: user + system, every thread) is
 * counted apart; the goal is judged here. A shorter second pass runs the servers in this process (one event loop
 * for both sides; its CPU column is client + server). Rows run interleaved (a, b, c, ..., a, b, c, ...) for RUNS
 * rounds of RUN_MS each after a warm-up, each timed run preceded by a short untimed one that reopens the sockets
 * the agents closed while idle (4 s); medians are shown; a ratio to the bare rate is the median of
 * the per-round ratios (bare and SOAP ran back to back), with its range. About 110 s on
 * 2 vCPUs. BENCH_RUNS and BENCH_RUN_MS override the defaults. Only 127.0.0.1 is used.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 1_500)
const SAME_PROCESS_RUNS = Math.max(1, Math.round(RUNS * 0.4))
const WARMUP_MS = 1_000
const REOPEN_MS = 300
const IN_FLIGHT = 32
const GOAL = 0.5
/** The whole run stops by itself past this, whatever happens. */
const WATCHDOG_MS = 240_000

const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage()
  return user + system
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

/** The servers' side, wherever it runs. */
interface ServerSide {
  readonly mode: string
  readonly soapUrl: string
  readonly bareUrl: string
  /** CPU µs of the servers' process so far; undefined when it is this process. */
  cpuMicros(): Promise<number | undefined>
  setBareReply(body: Buffer): Promise<void>
  close(): Promise<void>
}

async function forkServers(pki: TlsPki): Promise<ServerSide> {
  const child = fork(new URL('./server-process.ts', import.meta.url), [], {
    execArgv: ['--conditions=@varco/source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map<number, { resolve: (m: FromServer) => void; reject: (err: Error) => void }>()
  let nextId = 0
  child.on('message', (message: FromServer) => {
    const waiter = pending.get(message.id)
    pending.delete(message.id)
    if (message.type === 'error') waiter?.reject(new Error(`server process: ${message.message}`))
    else waiter?.resolve(message)
  })
  const exited = once(child, 'exit')
  void exited.then(([code]) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`server process exited (${String(code)})`))
  })
  const call = (make: (id: number) => ToServer): Promise<FromServer> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      child.send(make(id))
    })
  const started = await call((id) => ({ type: 'start', id, identity: pki.serverIdentity() }))
  if (started.type !== 'started') throw new Error(`server process answered ${started.type}`)
  return {
    mode: 'servers in a child process',
    soapUrl: started.soapUrl,
    bareUrl: started.bareUrl,
    cpuMicros: async () => {
      const answer = await call((id) => ({ type: 'cpu', id }))
      return answer.type === 'cpu' ? answer.micros : Number.NaN
    },
    setBareReply: async (body) => void (await call((id) => ({ type: 'reply', id, base64: body.toString('base64') }))),
    close: async () => {
      child.disconnect()
      await exited
    },
  }
}

async function inProcessServers(pki: TlsPki): Promise<ServerSide> {
  const servers = await startBenchServers(pki.serverIdentity())
  return {
    mode: 'servers in the same process',
    soapUrl: servers.soapUrl,
    bareUrl: servers.bareUrl,
    cpuMicros: () => Promise.resolve(undefined),
    setBareReply: (body) => Promise.resolve(servers.setBareReply(body)),
    close: () => servers.close(),
  }
}

/** An HTTP request as our client sent it: what the bare client replays. */
interface CapturedRequest {
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
}

/** One call of our client to a server that records the request (and answers 503, which the client reports). */
async function captureRequest(pki: TlsPki, request: RiceviFileRequest, mtom: boolean): Promise<CapturedRequest> {
  let captured: CapturedRequest | undefined
  const server = createServer(mutualTlsServerOptions(pki.serverIdentity()), (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const headers: Record<string, string> = {}
      for (const name of ['content-type', 'content-length', 'soapaction', 'accept']) {
        const value = req.headers[name]
        if (typeof value === 'string') headers[name] = value
      }
      captured = { headers, body: Buffer.concat(chunks) }
      res.writeHead(503).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const endpoint = `https://127.0.0.1:${port}${SOAP_PATH}`
  const client = await createSdIRiceviFileClient({ endpoint, tls: pki.clientIdentity(), mtom })
  await client.riceviFile(request).catch(() => undefined)
  client.close()
  server.closeAllConnections()
  server.close()
  if (captured === undefined) throw new Error('the client sent nothing')
  return captured
}

/** The bare reference call: node:https POSTing the captured bytes; resolves with the status and body. */
function barePost(agent: Agent, url: string, payload: CapturedRequest): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', agent, headers: payload.headers })
    req.on('error', reject)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
    })
    req.end(payload.body)
  })
}

interface Run {
  readonly rate: number
  readonly clientMicros: number
  readonly serverMicros: number | undefined
}

type ClientKind = 'bare POST' | 'SOAP MTOM' | 'SOAP inline base64'
type ServerKind = 'bare' | 'SOAP'

interface Row {
  readonly client: ClientKind
  readonly server: ServerKind
  readonly inFlight: number
  readonly call: () => Promise<unknown>
  readonly runs: Run[]
}

/** Keeps `inFlight` calls going until `ms` have passed; every call started is awaited and counted. */
async function drive(row: Row, ms: number): Promise<{ done: number; seconds: number }> {
  const start = performance.now()
  const deadline = start + ms
  let done = 0
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await row.call()
      done++
    }
  }
  await Promise.all(Array.from({ length: row.inFlight }, worker))
  return { done, seconds: (performance.now() - start) / 1000 }
}

async function measure(servers: ServerSide, rows: readonly Row[], runs: number): Promise<void> {
  for (const row of rows) await drive(row, WARMUP_MS)
  for (let round = 0; round < runs; round++) {
    for (const row of rows) {
      await drive(row, REOPEN_MS)
      const client = cpuMicros()
      const server = await servers.cpuMicros()
      const { done, seconds } = await drive(row, RUN_MS)
      const clientAfter = cpuMicros()
      const serverAfter = await servers.cpuMicros()
      row.runs.push({
        rate: done / seconds,
        clientMicros: (clientAfter - client) / done,
        serverMicros: server === undefined || serverAfter === undefined ? undefined : (serverAfter - server) / done,
      })
    }
  }
}

type Calls = Readonly<Record<ClientKind, Readonly<Record<ServerKind, () => Promise<void>>>>>

/**
 * Every client against every server: the bare client replays the MTOM bytes; our clients talk to the bare server
 * too, which answers what the SOAP server answers, so each side's cost can be told apart.
 */
async function makeCalls(servers: ServerSide, pki: TlsPki, request: RiceviFileRequest, mtomBytes: CapturedRequest) {
  const bareAgent = mutualTlsAgent(pki.clientIdentity(), { maxSockets: IN_FLIGHT })
  const real = await barePost(bareAgent, servers.soapUrl, mtomBytes)
  if (real.status !== 200 || !real.body.includes(RICEVI_FILE_RESPONSE.IdentificativoSdI)) {
    throw new Error(`the SOAP server refused the captured request: ${real.status} ${real.body.toString()}`)
  }
  await servers.setBareReply(real.body)
  const clients: { close(): void }[] = []
  const soap = async (url: string, mtom: boolean): Promise<() => Promise<void>> => {
    const client = await createSdIRiceviFileClient({ endpoint: url, tls: pki.clientIdentity(), mtom })
    clients.push(client)
    return async () => {
      const response = await client.riceviFile(request)
      if (response.IdentificativoSdI !== RICEVI_FILE_RESPONSE.IdentificativoSdI) throw new Error('unexpected answer')
    }
  }
  const bare = (url: string) => async (): Promise<void> => {
    const { status } = await barePost(bareAgent, url, mtomBytes)
    if (status !== 200) throw new Error(`${url} answered ${status}`)
  }
  const calls: Calls = {
    'bare POST': { bare: bare(servers.bareUrl), SOAP: bare(servers.soapUrl) },
    'SOAP MTOM': { bare: await soap(servers.bareUrl, true), SOAP: await soap(servers.soapUrl, true) },
    'SOAP inline base64': { bare: await soap(servers.bareUrl, false), SOAP: await soap(servers.soapUrl, false) },
  }
  const close = () => {
    for (const client of clients) client.close()
    bareAgent.destroy()
  }
  return { calls, responseBytes: real.body.length, close }
}

interface ModeResult {
  readonly mode: string
  readonly runs: number
  readonly rows: readonly Row[]
  readonly responseBytes: number
}

type RowSpec = readonly [ClientKind, ServerKind, number]

async function benchmark(
  servers: ServerSide,
  pki: TlsPki,
  request: RiceviFileRequest,
  mtomBytes: CapturedRequest,
  runs: number,
  specs: readonly RowSpec[],
): Promise<ModeResult> {
  const { calls, responseBytes, close } = await makeCalls(servers, pki, request, mtomBytes)
  const rows = specs.map(([client, server, inFlight]): Row => {
    return { client, server, inFlight, call: calls[client][server], runs: [] }
  })
  try {
    await measure(servers, rows, runs)
  } finally {
    close()
    await servers.close()
  }
  return { mode: servers.mode, runs, rows, responseBytes }
}

const fmt = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? '-' : Math.round(value).toLocaleString('en-US')

const find = (rows: readonly Row[], client: ClientKind, server: ServerKind, inFlight: number): Row | undefined =>
  rows.find((r) => r.client === client && r.server === server && r.inFlight === inFlight)

const isReference = (row: Row): boolean => row.client === 'bare POST' && row.server === 'bare'

/**
 * The row's rate over the bare rate at the same concurrency, round by round (the two ran one after the other, so a
 * machine that slows down for a while slows both): the median and range of those ratios, and the ratio of the
 * median rates.
 */
function ratio(
  rows: readonly Row[],
  row: Row | undefined,
): { median: number; low: number; high: number; ofMedians: number } {
  const bare = row === undefined ? undefined : find(rows, 'bare POST', 'bare', row.inFlight)
  if (row === undefined || bare === undefined) {
    return { median: Number.NaN, low: Number.NaN, high: Number.NaN, ofMedians: Number.NaN }
  }
  const perRound = row.runs.map((run, i) => run.rate / (bare.runs[i]?.rate ?? Number.NaN))
  return {
    median: median(perRound),
    low: Math.min(...perRound),
    high: Math.max(...perRound),
    ofMedians: median(row.runs.map((r) => r.rate)) / median(bare.runs.map((r) => r.rate)),
  }
}

const clientCpu = (row: Row | undefined): number => median(row?.runs.map((r) => r.clientMicros) ?? [])
const serverCpu = (row: Row | undefined): number => median(row?.runs.map((r) => r.serverMicros ?? Number.NaN) ?? [])

function print(result: ModeResult): void {
  const split = result.rows.some((r) => r.runs.some((run) => run.serverMicros !== undefined))
  console.log(`\n${result.mode}: median of ${result.runs} interleaved runs of ${RUN_MS / 1000} s\n`)
  console.log(
    `| client | server | in flight | req/s | runs min–max | ${
      split ? 'client CPU µs/req | server CPU µs/req' : 'CPU µs/req (client + server)'
    } | rate / bare (rounds) |`,
  )
  console.log(`|---|---|---:|---:|---:|${split ? '---:|---:|' : '---:|'}---:|`)
  for (const row of result.rows) {
    const rates = row.runs.map((r) => r.rate)
    const cpu = split ? `${fmt(clientCpu(row))} | ${fmt(serverCpu(row))}` : fmt(clientCpu(row))
    const r = ratio(result.rows, row)
    const share = isReference(row) ? '1.00' : `${r.median.toFixed(2)} (${r.low.toFixed(2)}–${r.high.toFixed(2)})`
    const range = `${fmt(Math.min(...rates))}–${fmt(Math.max(...rates))}`
    console.log(
      `| ${row.client} | ${row.server} | ${row.inFlight} | ${fmt(median(rates))} | ${range} | ${cpu} | ${share} |`,
    )
  }
}

/** Where the CPU of a round trip goes at IN_FLIGHT, from the four client × server pairs of the child-process run. */
function attribution(rows: readonly Row[]): void {
  const bare = find(rows, 'bare POST', 'bare', IN_FLIGHT)
  const soap = find(rows, 'SOAP MTOM', 'SOAP', IN_FLIGHT)
  const soapServer = find(rows, 'bare POST', 'SOAP', IN_FLIGHT)
  const soapClient = find(rows, 'SOAP MTOM', 'bare', IN_FLIGHT)
  const total = (row: Row | undefined): number => clientCpu(row) + serverCpu(row)
  console.log(`\nCPU µs per round trip, ${IN_FLIGHT} in flight (client + server):`)
  console.log(`  bare POST → bare: ${fmt(total(bare))}; SOAP MTOM → SOAP: ${fmt(total(soap))}`)
  console.log(
    `  our client over a bare client: +${fmt(clientCpu(soap) - clientCpu(bare))} µs ` +
      `(+${fmt(clientCpu(soapClient) - clientCpu(bare))} against the bare server)`,
  )
  console.log(
    `  our server over a bare server: +${fmt(serverCpu(soap) - serverCpu(bare))} µs ` +
      `(+${fmt(serverCpu(soapServer) - serverCpu(bare))} with the bare client)`,
  )
  console.log(
    `  CPU ratio bare / SOAP MTOM: ${(total(bare) / total(soap)).toFixed(2)} for both sides on one core, ` +
      `${(Math.max(clientCpu(bare), serverCpu(bare)) / Math.max(clientCpu(soap), serverCpu(soap))).toFixed(2)} ` +
      'with a core each (the busier side bounds the rate)',
  )
}

const CHILD_ROWS: readonly RowSpec[] = [
  ['bare POST', 'bare', 1],
  ['SOAP MTOM', 'SOAP', 1],
  ['bare POST', 'bare', IN_FLIGHT],
  ['SOAP MTOM', 'SOAP', IN_FLIGHT],
  ['SOAP inline base64', 'SOAP', IN_FLIGHT],
  ['bare POST', 'SOAP', IN_FLIGHT],
  ['SOAP MTOM', 'bare', IN_FLIGHT],
]
const SAME_PROCESS_ROWS: readonly RowSpec[] = [
  ['bare POST', 'bare', IN_FLIGHT],
  ['SOAP MTOM', 'SOAP', IN_FLIGHT],
]

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`the benchmark did not finish within ${WATCHDOG_MS / 1000} s`)
    process.exit(1)
  }, WATCHDOG_MS)
  watchdog.unref()
  const began = performance.now()
  const loadBefore = load()
  const pki = createTlsPki()
  const file = invoiceOfSize(10_000)
  const request: RiceviFileRequest = { NomeFile: 'IT01234567890_00001.xml', File: file }
  const mtomBytes = await captureRequest(pki, request, true)
  const inlineBytes = await captureRequest(pki, request, false)

  const child = await benchmark(await forkServers(pki), pki, request, mtomBytes, RUNS, CHILD_ROWS)
  const same = await benchmark(
    await inProcessServers(pki),
    pki,
    request,
    mtomBytes,
    SAME_PROCESS_RUNS,
    SAME_PROCESS_ROWS,
  )

  console.log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore} before, ${load()} after`)
  console.log(`Mutual TLS (RSA-2048 test PKI) on 127.0.0.1, keep-alive agents of ${IN_FLIGHT} sockets`)
  console.log(
    `File ${file.length.toLocaleString('en-US')} bytes (FPA01 grown); request body MTOM ` +
      `${mtomBytes.body.length.toLocaleString('en-US')} bytes (what the bare client POSTs), inline base64 ` +
      `${inlineBytes.body.length.toLocaleString('en-US')} bytes; response ${child.responseBytes} bytes`,
  )
  print(child)
  print(same)
  attribution(child.rows)
  const sequential = ratio(child.rows, find(child.rows, 'SOAP MTOM', 'SOAP', 1))
  const achieved = ratio(child.rows, find(child.rows, 'SOAP MTOM', 'SOAP', IN_FLIGHT))
  const text = (r: typeof achieved): string =>
    `${r.median.toFixed(2)} (rounds ${r.low.toFixed(2)}–${r.high.toFixed(2)}; ratio of the median rates ` +
    `${r.ofMedians.toFixed(2)})`
  console.log(`\nSOAP MTOM / bare rate, sequential: ${text(sequential)}`)
  console.log(`SOAP MTOM / bare rate, ${IN_FLIGHT} in flight: ${text(achieved)}`)
  console.log(
    `Goal SOAP MTOM >= ${GOAL.toFixed(2)} of the bare rate with ${IN_FLIGHT} in flight (servers in a child process): ` +
      `${achieved.median.toFixed(2)} ${achieved.median >= GOAL ? 'met' : 'NOT met'}`,
  )
  console.log(`(whole run ${((performance.now() - began) / 1000).toFixed(0)} s)`)
}

await main()
