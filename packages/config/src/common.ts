import Type from 'typebox'

/**
 * Variables every service reads. Each service spreads these into its own schema, so one `loadConfig` call
 * reports every problem at once.
 */
export const commonConfigProperties = {
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  LOG_PRETTY: Type.Boolean({ default: false, description: 'Human-readable logs for a terminal; JSON otherwise' }),
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL connection string' }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  KAFKA_BROKERS: Type.String({
    pattern: '^[^,\\s:]+:\\d+(,[^,\\s:]+:\\d+)*$',
    description: 'Comma-separated host:port list',
  }),
  KAFKA_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
}

/** Splits KAFKA_BROKERS into the list kafkajs wants. */
export function brokerList(brokers: string): string[] {
  return brokers.split(',').map((broker) => broker.trim())
}
