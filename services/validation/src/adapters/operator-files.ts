import { readFileSync } from 'node:fs'
import { createXsdValidator, type FatturaXsdValidator } from '@varco/fatturapa'
import type { Logger } from '@varco/observability'
import { trustStoreFrom, type TrustStore } from '@varco/signature'

/*
 * Files the operator provides at start: a bad one stops the service (exit 78, like a bad variable) rather than
 * letting it accept or reject invoices on a check it cannot make.
 */

const EX_CONFIG = 78

function fail(logger: Logger, err: unknown, msg: string): never {
  logger.fatal({ err }, msg)
  process.exit(EX_CONFIG)
}

/** The trust bundle from SIGNATURE_TRUST_FILES (PEM files, comma-separated), or undefined when none is set. */
export function loadTrust(files: string | undefined, logger: Logger): TrustStore | undefined {
  if (files === undefined) {
    logger.warn('SIGNATURE_TRUST_FILES not set: signed files are checked, but not their chain to a trusted CA')
    return undefined
  }
  try {
    const paths = files.split(',').map((file) => file.trim())
    const trust = trustStoreFrom(paths.map((file) => readFileSync(file, 'utf8')))
    logger.info({ files: paths.length }, 'signature trust bundle loaded')
    return trust
  } catch (err) {
    return fail(logger, err, 'SIGNATURE_TRUST_FILES cannot be read as PEM certificates')
  }
}

/** The official XSD from FATTURAPA_XSD_DIR, compiled once, or undefined when none is set. */
export function loadFormatSchema(dir: string | undefined, logger: Logger): FatturaXsdValidator | undefined {
  if (dir === undefined) return undefined
  try {
    const validator = createXsdValidator(dir)
    logger.info({ dir }, 'official FatturaPA schema loaded')
    return validator
  } catch (err) {
    return fail(logger, err, 'FATTURAPA_XSD_DIR does not hold a usable FatturaPA schema')
  }
}
