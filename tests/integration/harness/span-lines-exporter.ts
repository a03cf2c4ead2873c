import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace'

/** The fields of a finished span a cross-process trace test compares. */
export interface SpanLine {
  readonly name: string
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId: string | undefined
}

/**
 * Writes each finished span as one `{"span": ...}` JSON line on stdout, so a test in another process can read the
 * spans of this one.
 */
export function spanLinesExporter(): SpanExporter {
  return {
    export(spans: ReadableSpan[], done) {
      for (const span of spans) {
        const { traceId, spanId } = span.spanContext()
        const line: SpanLine = { name: span.name, traceId, spanId, parentSpanId: span.parentSpanContext?.spanId }
        process.stdout.write(`${JSON.stringify({ span: line })}\n`)
      }
      done({ code: 0 })
    },
    shutdown: () => Promise.resolve(),
  }
}
