export { createLogger, loggerOptions, type Logger, type LoggerConfig } from './logger.ts'
export { extractTraceContext, headersToStrings, injectTraceContext, type RawHeaders } from './propagation.ts'
export { redactPaths } from './redact.ts'
export { startTelemetry, type Telemetry, type TelemetryOptions } from './telemetry.ts'
