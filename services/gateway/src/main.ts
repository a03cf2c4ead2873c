// The local gateway: every Varco service as its own process, wired to the SdI simulator, with certificates and
// keys made on the first run. For a developer's machine and demos; production runs each service on its own.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { italianDay } from '@varco/fatturapa'
import { database, kafka } from './infrastructure.ts'
import { startService, stopAll, type Service } from './processes.ts'
import { DEMO_TRANSMITTER, sampleInvoice } from './sample-invoice.ts'
import { localState, ROOT, STATE_DIR } from './state.ts'

const API_PORT = process.env.VARCO_API_PORT ?? '8080'
const SDI_PORT = process.env.VARCO_SDI_PORT ?? '9443'
const SDI_CONTROL_PORT = process.env.VARCO_SDI_CONTROL_PORT ?? '9080'
const RECEIPTS_PORT = process.env.VARCO_RECEIPTS_PORT ?? '9444'
const RECEIPTS_INTERNAL_PORT = process.env.VARCO_RECEIPTS_INTERNAL_PORT ?? '8082'
const verbose = process.env.VARCO_VERBOSE === 'true'
const say = (text: string) => process.stdout.write(`${text}\n`)
const main = (service: string) => join(ROOT, 'services', service, 'src', 'server.ts')

const state = localState()
const databaseUrl = await database(process.env)
say(`varco: PostgreSQL ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`)
const broker = kafka(process.env)
say(
  `varco: Kafka ${broker.brokers}${process.env.KAFKA_BROKERS === undefined ? ' (deploy/kafka, log in .varco/kafka)' : ''}`,
)

const common = {
  DATABASE_URL: databaseUrl,
  KAFKA_BROKERS: broker.brokers,
  DOCUMENT_KEYS: state.documentKeys,
  DOCUMENT_ACTIVE_KEY: 'local1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  OTEL_SDK_DISABLED: process.env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? 'true' : 'false',
}
const sdiUrl = `https://localhost:${SDI_PORT}`
const services: Service[] = []
const started = (name: string, script: string, env: Record<string, string>, ready: string) => {
  const service = startService(name, script, env, verbose)
  services.push(service)
  return service.waitFor((line) => line.includes(ready))
}

let stopping = false
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true
    say('\nvarco: stopping every service')
    await stopAll(services)
    broker.stop()
  }
  process.exit(code)
}
process.once('SIGINT', () => void stop(0))
process.once('SIGTERM', () => void stop(0))

try {
  await started(
    'sdi-simulator',
    main('sdi-simulator'),
    {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: common.LOG_LEVEL,
      SIMULATOR_PORT: SDI_PORT,
      SIMULATOR_CONTROL_PORT: SDI_CONTROL_PORT,
      SIMULATOR_SERVER_CERT_FILE: state.file('server.pem'),
      SIMULATOR_SERVER_KEY_FILE: state.file('server.key'),
      SIMULATOR_CLIENT_CA_FILE: state.file('ca.pem'),
      SIMULATOR_CLIENT_CERT_FILE: state.file('client.pem'),
      SIMULATOR_CLIENT_KEY_FILE: state.file('client.key'),
      SIMULATOR_PEER_CA_FILE: state.file('ca.pem'),
      SIMULATOR_SIGNER_CERT_FILE: state.file('sdi-signer.pem'),
      SIMULATOR_SIGNER_KEY_FILE: state.file('sdi-signer.key'),
      SIMULATOR_TRUST_FILES: state.file('signing-ca.pem'),
      // The receipts service hosts TrasmissioneFatture; the simulator retries until it is up, as SdI does.
      SIMULATOR_TRANSMITTER_URL: `https://localhost:${RECEIPTS_PORT}/TrasmissioneFatture`,
      SIMULATOR_TIME_SCALE: process.env.VARCO_SDI_TIME_SCALE ?? '1440',
    },
    'sdi simulator started',
  )
  await Promise.all([
    started(
      'validation',
      main('validation'),
      { ...common, SIGNATURE_TRUST_FILES: state.file('signing-ca.pem') },
      'validation service started',
    ),
    started(
      'signing',
      main('signing'),
      { ...common, SIGNING_SECRETS_DIR: join(STATE_DIR, 'secrets') },
      'signing service started',
    ),
    started(
      'transmission',
      main('transmission'),
      {
        ...common,
        SDI_RICEVI_FILE_URL: `${sdiUrl}/SdIRiceviFile`,
        SDI_RICEVI_NOTIFICA_URL: `${sdiUrl}/SdIRiceviNotifica`,
        SDI_CLIENT_CERT_FILE: state.file('client.pem'),
        SDI_CLIENT_KEY_FILE: state.file('client.key'),
        SDI_SERVER_CA_FILE: state.file('ca.pem'),
      },
      'transmission service started',
    ),
    started(
      'receipts',
      main('receipts'),
      {
        ...common,
        RECEIPTS_SDI_HOST: '127.0.0.1',
        RECEIPTS_SDI_PORT: RECEIPTS_PORT,
        RECEIPTS_SDI_CERT_FILE: state.file('server.pem'),
        RECEIPTS_SDI_KEY_FILE: state.file('server.key'),
        RECEIPTS_SDI_CLIENT_CA_FILE: state.file('ca.pem'),
        SDI_MESSAGE_CA_FILES: state.file('signing-ca.pem'),
        INCOMING_SIGNER_TRUST_FILES: state.file('signing-ca.pem'),
        RECEIPTS_INTERNAL_HOST: '127.0.0.1',
        RECEIPTS_INTERNAL_PORT,
        RECEIPTS_INTERNAL_TOKEN: state.internalToken,
        // A developer's receivers run on this machine, often over plain HTTP.
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      },
      'receipts service started',
    ),
    started(
      'ingest',
      main('ingest'),
      {
        ...common,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: API_PORT,
        RECEIPTS_INTERNAL_URL: `http://127.0.0.1:${RECEIPTS_INTERNAL_PORT}`,
        RECEIPTS_INTERNAL_TOKEN: state.internalToken,
      },
      'ingest service started',
    ),
  ])
} catch (err) {
  say(`varco: ${(err as Error).message}`)
  await stop(1)
}

/** A demo tenant with the sample's transmitter and an API key, made once (the key is kept in .varco/api-key). */
function demoKey(): string {
  const keyFile = join(STATE_DIR, 'api-key')
  if (existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim()
  const admin = (...args: string[]) =>
    execFileSync(
      process.execPath,
      ['--conditions=@varco/source', join(ROOT, 'services/ingest/src/admin-cli.ts'), ...args],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    )
      .toString()
      .trim()
  admin('tenant', 'create', 'Demo', '--id', 'demo')
  admin('transmitter', 'add', 'demo', `IT${DEMO_TRANSMITTER}`)
  const key = admin('key', 'create', 'demo', '--label', 'local gateway')
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 })
  return key
}

const key = demoKey()
const sample = join(STATE_DIR, 'sample-invoice.xml')
writeFileSync(sample, sampleInvoice(italianDay(new Date()), `DEMO-${Date.now().toString(36).toUpperCase()}`))
say(`
Varco is running (Ctrl-C stops everything):
  API            http://127.0.0.1:${API_PORT}/v1        docs  http://127.0.0.1:${API_PORT}/docs
  SdI simulator  ${sdiUrl}/SdIRiceviFile   control  http://127.0.0.1:${SDI_CONTROL_PORT}/control/files
  API key        ${key}   (tenant "demo", in .varco/api-key)

Submit a sample invoice, then follow it:
  curl -s -X POST http://127.0.0.1:${API_PORT}/v1/invoices -H "Authorization: Bearer ${key}" \\
       -H 'Content-Type: application/xml' --data-binary @${sample}
  curl -s http://127.0.0.1:${API_PORT}/v1/invoices -H "Authorization: Bearer ${key}"
`)
