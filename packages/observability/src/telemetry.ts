import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api'
import { NodeSDK } from '@opentelemetry/sdk-node'
import type { SpanProcessor } from '@opentelemetry/sdk-trace'
import type { Logger } from 'pino'

export interface TelemetryOptions {
  readonly serviceName: string
  readonly logger: Logger
  /** Tests pass an in-memory exporter's processor; otherwise OTEL_TRACES_EXPORTER and OTEL_EXPORTER_OTLP_* decide. */
  readonly spanProcessors?: SpanProcessor[]
}

export interface Telemetry {
  /** Flushes and stops exporting; the last step of a graceful shutdown. Never throws. */
  shutdown(): Promise<void>
}

/** OpenTelemetry's own diagnostics (export failures, bad OTEL_* values) go to the service log at warn. */
function diagToPino(logger: Logger): DiagLogger {
  const log = logger.child({ component: 'otel' })
  return {
    error: (message, ...args) => log.warn({ args }, message),
    warn: (message, ...args) => log.warn({ args }, message),
    info: (message, ...args) => log.debug({ args }, message),
    debug: () => undefined,
    verbose: () => undefined,
  }
}

/**
 * Starts the OpenTelemetry Node SDK: traces and metrics with OTLP exporters configured by the standard OTEL_*
 * variables (OTEL_SDK_DISABLED=true turns it off), W3C trace context as the propagator. Telemetry never crashes the
 * host: failures to start or export are logged and the service runs on.
 */
export function startTelemetry({ serviceName, logger, spanProcessors }: TelemetryOptions): Telemetry {
  diag.setLogger(diagToPino(logger), DiagLogLevel.WARN)
  let sdk: NodeSDK | undefined
  try {
    sdk = new NodeSDK({ serviceName, ...(spanProcessors ? { spanProcessors } : {}), instrumentations: [] })
    sdk.start()
  } catch (err) {
    logger.warn({ err }, 'telemetry failed to start; running without it')
    sdk = undefined
  }
  return {
    async shutdown() {
      await sdk?.shutdown().catch((err: unknown) => logger.warn({ err }, 'telemetry shutdown failed'))
    },
  }
}
