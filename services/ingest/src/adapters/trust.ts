import { readFileSync } from 'node:fs'
import type { Logger } from '@varco/observability'
import { trustStoreFrom, type TrustStore } from '@varco/signature'

const EX_CONFIG = 78

/**
 * The trust bundle from SIGNATURE_TRUST_FILES (PEM files, comma-separated) for ?validate=sync, or undefined when none
 * is set; an unreadable bundle stops the service (exit 78, like a bad variable).
 */
export function loadTrust(files: string | undefined, logger: Logger): TrustStore | undefined {
  if (files === undefined) return undefined
  try {
    const paths = files.split(',').map((file) => file.trim())
    return trustStoreFrom(paths.map((file) => readFileSync(file, 'utf8')))
  } catch (err) {
    logger.fatal({ err }, 'SIGNATURE_TRUST_FILES cannot be read as PEM certificates')
    process.exit(EX_CONFIG)
  }
}
