import { execFile } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port.ts'

const run = promisify(execFile)
const script = resolve(import.meta.dirname, '../../../deploy/kafka/kafka.sh')

/** A Kafka broker started from deploy/kafka (Java 17): own ports, own data directory, restartable. */
export interface LocalKafka {
  readonly brokers: string
  /** Stops the broker, keeping its data (for restart tests). */
  stop(): Promise<void>
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>
  /** Stops it and deletes its data. */
  destroy(): Promise<void>
}

/**
 * Starts a fresh single-node KRaft broker on free loopback ports (or on `port`, for a test that points a service at
 * a broker before it exists); resolves once it accepts connections.
 */
export async function startLocalKafka(options: { readonly port?: number } = {}): Promise<LocalKafka> {
  const port = options.port ?? (await freePort())
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    KAFKA_STATE_DIR: await mkdtemp(join(tmpdir(), 'varco-kafka-')),
  }
  const kafka = (...args: string[]) => run('bash', [script, ...args], { env }).then(() => undefined)
  await kafka('start')
  return {
    brokers: `127.0.0.1:${port}`,
    stop: () => kafka('stop', '--keep-data'),
    start: () => kafka('start'),
    destroy: () => kafka('stop'),
  }
}
