import { metrics } from '@opentelemetry/api'
import type { Logger } from '@varco/observability'
import type { DecidedMessage } from './decide-held.ts'

// Metrics go wherever the OpenTelemetry SDK of packages/observability exports them (OTEL_METRICS_EXPORTER).
const meter = metrics.getMeter('@varco/receipts-service')
const decisions = meter.createCounter('varco.receipts.lifecycle.decisions', {
  description: 'SdI messages decided by the lifecycle, by kind and decision',
})
const forbidden = meter.createCounter('varco.receipts.lifecycle.forbidden', {
  description: 'SdI messages the lifecycle cannot explain: each needs a person to look',
})

/** Logs and counts what the lifecycle made of messages, after their transaction committed. */
export function reportDecisions(logger: Logger, decided: readonly DecidedMessage[]): void {
  for (const { invoiceId, kind, messageFileName, outcome } of decided) {
    const fields = { invoiceId, kind, messageFileName, ...outcome }
    decisions.add(1, { kind, decision: outcome.decision })
    if (outcome.decision === 'forbidden') {
      forbidden.add(1, { kind, from: outcome.from })
      logger.error({ ...fields, alert: 'lifecycle_forbidden' }, 'SdI message the lifecycle cannot explain')
    } else {
      logger.info(fields, 'SdI message decided')
    }
  }
}
