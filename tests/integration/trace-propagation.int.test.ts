import { randomUUID } from 'node:crypto'
import { context, propagation, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { invoiceReceived, topicFor } from '@varco/contracts'
import { createPool, enqueueEvents, migrateSchema, withTransaction } from '@varco/db'
import { createKafkaClient, ensureTopics } from '@varco/kafka'
import { createTestDatabase, startNodeProcess, uniqueGroup, type NodeProcess, type TestDatabase } from '@varco/testing'
import type { SpanLine } from './harness/span-lines-exporter.ts'
import { anInvoiceReceived, createEffectsTable, harness, logLine, silentLogger } from './fixtures.ts'

const SCHEMA = 'traced'
const exporter = new InMemorySpanExporter()
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
let db: TestDatabase
let pool: pg.Pool
const processes: NodeProcess[] = []

beforeAll(async () => {
  // This process plays the producing service: its spans go to an in-memory exporter.
  trace.setGlobalTracerProvider(provider)
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({ databaseUrl: db.url, schema: SCHEMA, logger: silentLogger })
  pool = createPool({ connectionString: db.url, logger: silentLogger })
  await createEffectsTable(pool, SCHEMA)
})

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill('SIGKILL')))
  await pool.end()
  await db.drop()
  trace.disable()
  context.disable()
  propagation.disable()
})

describe('trace context across processes', () => {
  it('continues a trace begun by the producer in the consumer, through the outbox and Kafka', async () => {
    const prefix = `trace-${randomUUID()}`
    const topic = topicFor(invoiceReceived.type, invoiceReceived.version, prefix)
    const kafka = createKafkaClient({
      brokers: inject('kafkaBrokers').split(','),
      clientId: 'trace-test',
      logger: silentLogger,
    })
    await ensureTopics(kafka, [{ topic, partitions: 1 }])
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: inject('kafkaBrokers'),
      OUTBOX_SCHEMA: SCHEMA,
      EFFECT_SCHEMA: SCHEMA,
      TOPIC: topic,
      TOPIC_PREFIX: prefix,
      GROUP_ID: uniqueGroup('trace'),
      SPANS_TO_STDOUT: 'true',
    }
    const consumer = startNodeProcess(harness.consumer, env)
    const relay = startNodeProcess(harness.relay, env)
    processes.push(consumer, relay)
    await Promise.all([consumer.waitForLine(logLine('consumer joined')), relay.waitForLine(logLine('relay ready'))])

    const tracer = trace.getTracer('test-producer')
    await tracer.startActiveSpan('POST /v1/invoices', async (span) => {
      await withTransaction(pool, (tx) => enqueueEvents(tx, SCHEMA, [anInvoiceReceived()]))
      span.end()
    })
    const [producerSpan] = exporter.getFinishedSpans()
    const line = await consumer.waitForLine((l) => l.includes(`"name":"${topic} process"`))
    const consumerSpan = (JSON.parse(line) as { span: SpanLine }).span

    expect(consumerSpan.traceId).toBe(producerSpan!.spanContext().traceId)
    expect(consumerSpan.parentSpanId).toBe(producerSpan!.spanContext().spanId)
    expect(consumerSpan.spanId).not.toBe(producerSpan!.spanContext().spanId)
  })
})
