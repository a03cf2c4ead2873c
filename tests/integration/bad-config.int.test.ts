import { describe, expect, it } from 'vitest'
import { EXIT_CONFIG } from '@varco/config'
import { startNodeProcess } from '@varco/testing'
import { harness } from './fixtures.ts'

describe('a process started with bad configuration', () => {
  it('exits with EX_CONFIG, naming every missing or malformed variable, before connecting to anything', async () => {
    const relay = startNodeProcess(harness.relay, {
      KAFKA_BROKERS: 'kafka without a port',
      OUTBOX_SCHEMA: 'fine',
      RELAY_BATCH_SIZE: 'many',
    })
    expect(await relay.exited).toBe(EXIT_CONFIG)
    const output = relay.lines.join('\n')
    expect(output).toMatch(/^Invalid configuration/m)
    expect(output).toMatch(/DATABASE_URL: is required/)
    expect(output).toMatch(/KAFKA_BROKERS: must match pattern/)
    expect(output).toMatch(/RELAY_BATCH_SIZE: must be integer/)
    expect(output).not.toMatch(/OUTBOX_SCHEMA/)
  })

  it('rejects a malformed value of a variable that has a default', async () => {
    const consumer = startNodeProcess(harness.consumer, {
      DATABASE_URL: 'postgres://127.0.0.1/x',
      KAFKA_BROKERS: '127.0.0.1:9092',
      TOPIC: 't',
      GROUP_ID: 'g',
      EFFECT_SCHEMA: 'Not-An-Identifier',
      LOG_LEVEL: 'loud',
    })
    expect(await consumer.exited).toBe(EXIT_CONFIG)
    const output = consumer.lines.join('\n')
    expect(output).toMatch(/EFFECT_SCHEMA: must match pattern/)
    expect(output).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/)
  })
})
