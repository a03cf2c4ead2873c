import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { brokerList, commonConfigProperties, isConfigError, loadConfig, loadConfigOrExit } from '../src/index.ts'

const Schema = Type.Object({
  ...commonConfigProperties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000 }),
})
const valid = { DATABASE_URL: 'postgres://127.0.0.1/varco', KAFKA_BROKERS: '127.0.0.1:9092,kafka-2:9093' }

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(Schema, env)
  } catch (err) {
    if (isConfigError(err)) return err.issues.map((issue) => `${issue.variable}: ${issue.message}`)
    throw err
  }
  return []
}

describe('loadConfig', () => {
  it('coerces types, fills defaults and freezes the result', () => {
    const config = loadConfig(Schema, { ...valid, PORT: '8080', LOG_PRETTY: 'true' })
    expect(config).toMatchObject({ PORT: 8080, LOG_PRETTY: true, LOG_LEVEL: 'info', DATABASE_POOL_SIZE: 10 })
    expect(Object.isFrozen(config)).toBe(true)
    expect(brokerList(config.KAFKA_BROKERS)).toEqual(['127.0.0.1:9092', 'kafka-2:9093'])
  })

  it('reads only the variables it declares', () => {
    const config = loadConfig(Schema, { ...valid, AWS_SECRET_ACCESS_KEY: 'nope' })
    expect(config).not.toHaveProperty('AWS_SECRET_ACCESS_KEY')
  })

  it('names every bad variable at once, one issue each', () => {
    expect(issuesOf({ KAFKA_BROKERS: 'no-port', PORT: '70000', LOG_LEVEL: 'loud' })).toEqual([
      'DATABASE_URL: is required',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'KAFKA_BROKERS: must match pattern "^[^,\\s:]+:\\d+(,[^,\\s:]+:\\d+)*$"',
      'PORT: must be <= 65535',
    ])
  })

  it('rejects a database URL of another scheme', () => {
    expect(issuesOf({ ...valid, DATABASE_URL: 'mysql://x' })).toEqual([
      'DATABASE_URL: must match pattern "^postgres(ql)?://"',
    ])
  })
})

describe('loadConfigOrExit', () => {
  it('exits with 78 on bad configuration', () => {
    const exit = (code: number): never => {
      throw new Error(`exit ${code}`)
    }
    const write = process.stderr.write
    process.stderr.write = () => true
    try {
      expect(() => loadConfigOrExit(Schema, {}, exit)).toThrow('exit 78')
    } finally {
      process.stderr.write = write
    }
  })
})
