import { Kafka, logLevel } from 'kafkajs'
import type { Logger } from 'pino'
import { pinoLogCreator } from './log-creator.ts'

export interface KafkaClientOptions {
  readonly brokers: readonly string[]
  readonly clientId: string
  readonly logger: Logger
}

/** A kafkajs client whose logs go to pino and whose retries outlast a broker restart. */
export function createKafkaClient({ brokers, clientId, logger }: KafkaClientOptions): Kafka {
  return new Kafka({
    brokers: [...brokers],
    clientId,
    logLevel: logLevel.INFO,
    logCreator: pinoLogCreator(logger),
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 8 },
  })
}
