import { describe, expect, it } from 'vitest'
import { createLogger } from '@varco/observability'
import type { RunningConsumer } from '@varco/kafka'
import { deferredConsumer, linkKafka } from '../src/kafka-link.ts'

const logger = createLogger({ name: 'test', level: 'silent' })

describe('linkKafka', () => {
  it('retries the set-up until it succeeds', async () => {
    let calls = 0
    const link = linkKafka({
      logger,
      initialDelayMs: 1,
      setUp: async () => {
        if (++calls < 3) throw new Error('ECONNREFUSED')
      },
    })
    expect(link.isReady()).toBe(false)
    expect(await link.ready).toBe(true)
    expect(calls).toBe(3)
    expect(link.isReady()).toBe(true)
  })

  it('gives up when closed', async () => {
    const link = linkKafka({ logger, initialDelayMs: 5, setUp: () => Promise.reject(new Error('down')) })
    link.close()
    expect(await link.ready).toBe(false)
  })
})

describe('deferredConsumer', () => {
  const fakeConsumer = (events: string[]): RunningConsumer => ({
    joined: Promise.resolve(),
    stop: async () => void events.push('stopped'),
  })

  it('starts once Kafka is ready, retrying a failed start', async () => {
    const events: string[] = []
    let attempts = 0
    const consumer = deferredConsumer(
      { ready: Promise.resolve(true), isReady: () => true, close: () => undefined },
      async () => {
        if (++attempts === 1) throw new Error('not yet')
        events.push('started')
        return fakeConsumer(events)
      },
      logger,
      1,
    )
    await consumer.joined
    await consumer.stop()
    expect(attempts).toBe(2)
    expect(events).toEqual(['started', 'stopped'])
  })

  it('stops at once while Kafka is still unreachable, and never starts', async () => {
    const events: string[] = []
    const consumer = deferredConsumer(
      { ready: new Promise(() => undefined), isReady: () => false, close: () => undefined },
      async () => {
        events.push('started')
        return fakeConsumer(events)
      },
      logger,
    )
    await consumer.stop()
    expect(events).toEqual([])
  })
})
