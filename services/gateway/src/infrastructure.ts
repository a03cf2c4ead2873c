import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import pg from 'pg'
import { ROOT, STATE_DIR } from './state.ts'

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/varco'

/** DATABASE_URL, or a `varco` database on the machine's PostgreSQL, created on first use. */
export async function database(env: NodeJS.ProcessEnv): Promise<string> {
  const url = env.DATABASE_URL ?? DEFAULT_DATABASE_URL
  const target = new URL(url)
  const name = target.pathname.slice(1) || 'postgres'
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.href })
  try {
    await client.connect()
  } catch (err) {
    throw new Error(`cannot reach PostgreSQL at ${admin.host} (${(err as Error).message}); set DATABASE_URL`, {
      cause: err,
    })
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`)
  } finally {
    await client.end()
  }
  return url
}

export interface LocalKafka {
  readonly brokers: string
  stop(): void
}

/** KAFKA_BROKERS, or Apache Kafka from deploy/kafka (Java 17), its log kept in .varco/kafka between runs. */
export function kafka(env: NodeJS.ProcessEnv): LocalKafka {
  if (env.KAFKA_BROKERS !== undefined) return { brokers: env.KAFKA_BROKERS, stop: () => undefined }
  const script = join(ROOT, 'deploy/kafka/kafka.sh')
  const kafkaEnv = {
    ...env,
    KAFKA_PORT: '19092',
    KAFKA_CONTROLLER_PORT: '19093',
    KAFKA_STATE_DIR: join(STATE_DIR, 'kafka'),
  }
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' })
  } catch {
    throw new Error('Java 17 is needed to run Kafka from deploy/kafka; install it, or set KAFKA_BROKERS')
  }
  execFileSync('bash', [script, 'start'], { env: kafkaEnv, stdio: ['ignore', 'ignore', 'inherit'] })
  return {
    brokers: '127.0.0.1:19092',
    stop: () => execFileSync('bash', [script, 'stop', '--keep-data'], { env: kafkaEnv, stdio: 'ignore' }),
  }
}
