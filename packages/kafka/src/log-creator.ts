import { logLevel, type logCreator } from 'kafkajs'
import type { Logger } from 'pino'

/** kafkajs log entries go to the service's pino logger, structured, under `component: kafkajs`. */
export function pinoLogCreator(logger: Logger): logCreator {
  const log = logger.child({ component: 'kafkajs' })
  return () =>
    ({ namespace, level, log: entry }) => {
      const { message, ...fields } = entry
      const bindings = { namespace, ...fields }
      switch (level) {
        case logLevel.ERROR:
          // kafkajs logs connection loss as errors while it retries; the caller decides what is fatal.
          log.warn(bindings, message)
          break
        case logLevel.WARN:
          log.warn(bindings, message)
          break
        case logLevel.INFO:
          log.debug(bindings, message)
          break
        default:
          log.trace(bindings, message)
      }
    }
}
