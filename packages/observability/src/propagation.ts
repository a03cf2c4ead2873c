import { context, propagation, type Context } from '@opentelemetry/api'

/** Message headers as Kafka clients expose them: values may be buffers, strings or lists of either. */
export type RawHeaders = Readonly<Record<string, Buffer | string | ReadonlyArray<Buffer | string> | undefined>>

/** Decodes raw message headers into plain strings (the first value of a repeated header). */
export function headersToStrings(headers: RawHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value)
      ? (value as ReadonlyArray<Buffer | string>)[0]
      : (value as Buffer | string | undefined)
    if (first !== undefined) result[name] = first.toString()
  }
  return result
}

/** Writes the active trace context (traceparent, tracestate) into `headers`. */
export function injectTraceContext(headers: Record<string, string>, from: Context = context.active()): void {
  propagation.inject(from, headers)
}

/** The context a message's headers carry; spans started in it are children of the producer's span. */
export function extractTraceContext(headers: Readonly<Record<string, string>>): Context {
  return propagation.extract(context.active(), headers)
}
