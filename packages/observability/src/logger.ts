import { trace } from '@opentelemetry/api'
import pino, { type Logger, type LoggerOptions } from 'pino'

export type { Logger }
import { redactPaths } from './redact.ts'

export interface LoggerConfig {
  /** The service name, on every line as `service`. */
  readonly name: string
  readonly level?: string
  /** Human-readable output for a terminal (pino-pretty); JSON otherwise. */
  readonly pretty?: boolean
}

/** Adds the active span's ids to each line written inside a span, so logs and traces join up. */
function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan()
  if (!span) return {}
  const { traceId, spanId, traceFlags } = span.spanContext()
  return { trace_id: traceId, span_id: spanId, trace_flags: `0${traceFlags.toString(16)}`.slice(-2) }
}

/** pino options shared by every service: level, redaction, trace ids, ISO timestamps. */
export function loggerOptions({ name, level = 'info', pretty = false }: LoggerConfig): LoggerOptions {
  return {
    name,
    level,
    base: { service: name },
    redact: { paths: [...redactPaths], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceFields,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  }
}

/** The process's root logger; everything else is a child of it. */
export function createLogger(config: LoggerConfig, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(config), destination) : pino(loggerOptions(config))
}
