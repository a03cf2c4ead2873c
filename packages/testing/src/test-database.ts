import { randomUUID } from 'node:crypto'
import pg from 'pg'

/** A database of its own for one test file, dropped (with its connections) by `drop()`. */
export interface TestDatabase {
  readonly url: string
  readonly name: string
  drop(): Promise<void>
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Creates `t_<uuid>` on the server of `adminUrl` (a URL with CREATEDB rights). */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `t_${randomUUID().replaceAll('-', '')}`
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: () =>
      admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}
