import type {} from 'vitest'
import type { TestProject } from 'vitest/node'
import pg from 'pg'
import { dockerMayBeReachable } from './docker.ts'
import { images } from './images.ts'
import { startLocalKafka } from './local-kafka.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL with rights to create databases; each test file creates its own (see createTestDatabase). */
    databaseUrl: string
    /** Comma-separated Kafka brokers; each test uses its own topics and consumer groups. */
    kafkaBrokers: string
  }
}

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres'

type Teardown = () => Promise<void>

async function assertPostgresReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (err) {
    throw new Error(`PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} is not reachable; set DATABASE_URL`, {
      cause: err,
    })
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * One PostgreSQL and one Kafka per test run: DATABASE_URL / KAFKA_BROKERS when set; else containers when a Docker
 * engine is reachable; else PostgreSQL on 127.0.0.1:5432 and a broker started from deploy/kafka.
 */
export default async function setup(project: TestProject): Promise<Teardown> {
  const env = process.env
  const teardowns: Teardown[] = []
  const docker = (!env.DATABASE_URL || !env.KAFKA_BROKERS) && dockerMayBeReachable(env)

  let databaseUrl = env.DATABASE_URL
  if (!databaseUrl && docker) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql')
    const container = await new PostgreSqlContainer(images.postgres).start()
    teardowns.push(() => container.stop().then(() => undefined))
    databaseUrl = container.getConnectionUri()
  }
  databaseUrl ??= LOCAL_POSTGRES
  await assertPostgresReachable(databaseUrl)

  let kafkaBrokers = env.KAFKA_BROKERS
  if (!kafkaBrokers && docker) {
    const { KafkaContainer } = await import('@testcontainers/kafka')
    const container = await new KafkaContainer(images.kafka).withKraft().start()
    teardowns.push(() => container.stop().then(() => undefined))
    kafkaBrokers = `${container.getHost()}:${container.getMappedPort(9093)}`
  }
  if (!kafkaBrokers) {
    const kafka = await startLocalKafka()
    teardowns.push(() => kafka.destroy())
    kafkaBrokers = kafka.brokers
  }

  project.provide('databaseUrl', databaseUrl)
  project.provide('kafkaBrokers', kafkaBrokers)
  return async () => {
    for (const teardown of teardowns.reverse()) await teardown()
  }
}
