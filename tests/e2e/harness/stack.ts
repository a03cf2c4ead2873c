import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { inject } from 'vitest'
import {
  createTestDatabase,
  createTestPki,
  createTlsPki,
  freePort,
  startNodeProcess,
  uniqueGroup,
  type NodeProcess,
  type TestDatabase,
  type TestPki,
} from '@varco/testing'

/*
 * The whole gateway for an end-to-end test, every service its own process on the run's Kafka and a database of its
 * own: the SdI simulator (a day a second) calls the receipts service over mutual TLS; the vendor only talks to the
 * ingest API. Certificates are made for the run: TLS both ways, and one signing CA for SdI's messages and for the
 * vendors' .p7m files.
 */

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../../..')
const main = (service: string) => join(ROOT, 'services', service, 'src', 'server.ts')
const cli = (service: string) => join(ROOT, 'services', service, 'src', 'admin-cli.ts')

export interface Stack {
  readonly apiBase: string
  readonly signing: TestPki
  readonly processes: ReadonlyMap<string, NodeProcess>
  /** Kills a service with SIGKILL (as a crash would). */
  kill(name: string): Promise<void>
  /** Starts a killed service again with its environment; resolves when it says it started. */
  restart(name: string): Promise<void>
  /** Runs a service's admin CLI against the run's database; returns its stdout. */
  admin(service: 'ingest' | 'receipts', ...args: string[]): Promise<string>
  /** A tenant with the transmitter of the test files and an API key. */
  tenant(name: string, transmitter: string): Promise<{ readonly id: string; readonly key: string }>
  /** Calls the SdI simulator's control API. */
  control(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<unknown>
  /** The receipts service's RicezioneFatture, to register a recipient code at the simulator. */
  readonly ricezioneUrl: string
  api(path: string, key: string, init?: RequestInit): Promise<Response>
  stop(): Promise<void>
}

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'varco-e2e-'))
  const file = (name: string, pem: string) => {
    const path = join(dir, name)
    writeFileSync(path, pem)
    return path
  }
  const tls = createTlsPki()
  const signing = createTestPki()
  const db: TestDatabase = await createTestDatabase(inject('databaseUrl'))
  const processes = new Map<string, NodeProcess>()
  const environments = new Map<string, Record<string, string>>()
  const common = {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: inject('kafkaBrokers'),
    DOCUMENT_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    DOCUMENT_ACTIVE_KEY: 'k1',
    TOPIC_PREFIX: `e2e-${randomUUID()}`,
    OTEL_SDK_DISABLED: 'true',
  }
  const start = (name: string, env: Record<string, string>) => {
    const child = startNodeProcess(main(name), env)
    processes.set(name, child)
    environments.set(name, env)
    return child
  }
  const waitStarted = (name: string) =>
    processes.get(name)!.waitForLine((line) => line.includes(`"msg":"${name} service started"`), 120_000)

  // A fixed port: the simulator keeps calling it across a restart of the receipts service.
  const receiptsPort = await freePort()
  const internalPort = await freePort()
  const internalToken = randomBytes(32).toString('base64url')
  const receipts = start('receipts', {
    ...common,
    RECEIPTS_GROUP_ID: uniqueGroup('receipts'),
    RECEIPTS_SDI_HOST: '127.0.0.1',
    RECEIPTS_SDI_PORT: String(receiptsPort),
    RECEIPTS_SDI_CERT_FILE: file('gw-server.pem', tls.server.cert),
    RECEIPTS_SDI_KEY_FILE: file('gw-server.key', tls.server.key),
    RECEIPTS_SDI_CLIENT_CA_FILE: file('tls-ca.pem', tls.ca.cert),
    SDI_MESSAGE_CA_FILES: signing.ca.certFile,
    INCOMING_SIGNER_TRUST_FILES: signing.ca.certFile,
    RECEIPTS_INTERNAL_HOST: '127.0.0.1',
    RECEIPTS_INTERNAL_PORT: String(internalPort),
    RECEIPTS_INTERNAL_TOKEN: internalToken,
    WEBHOOK_GROUP_ID: uniqueGroup('webhooks'),
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_POLL_INTERVAL_MS: '100',
    WEBHOOK_RETRY_INITIAL_MS: '200',
    WEBHOOK_RETRY_MAX_MS: '2000',
  })
  await receipts.waitForLine((line) => line.includes('receipts SdI endpoints listening'), 120_000)
  const receiptsBase = `https://localhost:${receiptsPort}`

  const simulator = startNodeProcess(main('sdi-simulator'), {
    DATABASE_URL: db.url,
    SIMULATOR_PORT: '0',
    SIMULATOR_CONTROL_PORT: '0',
    SIMULATOR_SERVER_CERT_FILE: file('sdi-server.pem', tls.server.cert),
    SIMULATOR_SERVER_KEY_FILE: file('sdi-server.key', tls.server.key),
    SIMULATOR_CLIENT_CA_FILE: file('tls-ca.pem', tls.ca.cert),
    SIMULATOR_CLIENT_CERT_FILE: file('sdi-client.pem', tls.client.cert),
    SIMULATOR_CLIENT_KEY_FILE: file('sdi-client.key', tls.client.key),
    SIMULATOR_PEER_CA_FILE: file('tls-ca.pem', tls.ca.cert),
    SIMULATOR_SIGNER_CERT_FILE: signing.signer.certFile,
    SIMULATOR_SIGNER_KEY_FILE: signing.signer.keyFile,
    SIMULATOR_TRUST_FILES: signing.ca.certFile,
    SIMULATOR_TRANSMITTER_URL: `${receiptsBase}/TrasmissioneFatture`,
    SIMULATOR_TIME_SCALE: '86400',
    SIMULATOR_DISPATCH_INTERVAL_MS: '50',
  })
  processes.set('sdi-simulator', simulator)
  const sdi = JSON.parse(await simulator.waitForLine((line) => line.includes('sdi simulator started'))) as {
    port: number
    controlPort: number
  }
  const controlBase = `http://127.0.0.1:${sdi.controlPort}/control`

  const apiPort = await freePort()
  start('validation', {
    ...common,
    VALIDATION_GROUP_ID: uniqueGroup('validation'),
    SIGNATURE_TRUST_FILES: signing.ca.certFile,
  })
  start('signing', { ...common, SIGNING_GROUP_ID: uniqueGroup('signing'), SIGNING_SECRETS_DIR: dir })
  start('transmission', {
    ...common,
    TRANSMISSION_GROUP_ID: uniqueGroup('transmission'),
    OUTCOME_GROUP_ID: uniqueGroup('outcomes'),
    SDI_RICEVI_FILE_URL: `https://localhost:${sdi.port}/SdIRiceviFile`,
    SDI_RICEVI_NOTIFICA_URL: `https://localhost:${sdi.port}/SdIRiceviNotifica`,
    SDI_CLIENT_CERT_FILE: file('gw-client.pem', tls.client.cert),
    SDI_CLIENT_KEY_FILE: file('gw-client.key', tls.client.key),
    SDI_SERVER_CA_FILE: file('tls-ca.pem', tls.ca.cert),
    RETRY_INITIAL_MS: '200',
    RETRY_MAX_MS: '1000',
    POLL_INTERVAL_MS: '50',
  })
  start('ingest', {
    ...common,
    INGEST_GROUP_ID: uniqueGroup('ingest'),
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(apiPort),
    RECEIPTS_INTERNAL_URL: `http://127.0.0.1:${internalPort}`,
    RECEIPTS_INTERNAL_TOKEN: internalToken,
  })
  await Promise.all(['receipts', 'validation', 'signing', 'transmission', 'ingest'].map(waitStarted))

  const admin = async (service: 'ingest' | 'receipts', ...args: string[]) =>
    (
      await run(process.execPath, ['--conditions=@varco/source', cli(service), ...args], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, TOPIC_PREFIX: common.TOPIC_PREFIX },
      })
    ).stdout.trim()
  const apiBase = `http://127.0.0.1:${apiPort}`

  return {
    apiBase,
    signing,
    processes,
    ricezioneUrl: `${receiptsBase}/RicezioneFatture`,
    kill: async (name) => void (await processes.get(name)!.kill('SIGKILL')),
    restart: async (name) => {
      start(name, environments.get(name)!)
      await waitStarted(name)
    },
    admin,
    tenant: async (name, transmitter) => {
      const id = (JSON.parse(await admin('ingest', 'tenant', 'create', name)) as { id: string }).id
      await admin('ingest', 'transmitter', 'add', id, transmitter)
      return { id, key: await admin('ingest', 'key', 'create', id) }
    },
    control: async (method, path, body) => {
      const response = await fetch(`${controlBase}${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      })
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
      const text = await response.text()
      return text === '' ? undefined : (JSON.parse(text) as unknown)
    },
    api: (path, key, init = {}) =>
      fetch(`${apiBase}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string> | undefined) },
      }),
    stop: async () => {
      await Promise.all([...processes.values()].map((child) => child.kill()))
      await db.drop()
      signing.cleanup()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
