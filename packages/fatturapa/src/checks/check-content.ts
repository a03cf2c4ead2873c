import { assertNever } from '@varco/errors'
import type { FatturaElettronica } from '../model/fattura.ts'
import type { SdiError } from '../sdi/sdi-error.ts'
import { compareDates } from './dates.ts'
import { ContentCheckContextError } from './errors.ts'
import { comparePaths } from './paths.ts'
import type { ContentCheckContext, ContentRule, Finding } from './rule.ts'
import { CONTENT_RULES } from './rules.ts'

/** Whether a rule in force from `since` applies to an invoice dated `data` (2.1.1.3). */
export function inForce(rule: Pick<ContentRule, 'since'>, data: string): boolean {
  return (compareDates(data, rule.since) ?? -1) >= 0
}

/** The latest invoice date of the file: a file rule applies when it is in force for at least one of its invoices. */
function latestDate(fattura: FatturaElettronica): string | undefined {
  let latest: string | undefined
  for (const body of fattura.FatturaElettronicaBody) {
    const data = body.DatiGenerali.DatiGeneraliDocumento.Data
    if (latest === undefined || (compareDates(data, latest) ?? 0) > 0) latest = data
  }
  return latest
}

function findingsOf(
  rule: ContentRule,
  fattura: FatturaElettronica,
  context: ContentCheckContext,
  latest: string | undefined,
): readonly Finding[] {
  switch (rule.scope) {
    case 'file':
      return latest !== undefined && inForce(rule, latest) ? rule.check(fattura, context) : []
    case 'body':
      return fattura.FatturaElettronicaBody.flatMap((body, index) =>
        inForce(rule, body.DatiGenerali.DatiGeneraliDocumento.Data)
          ? rule.check(body, { index, fattura, context })
          : [],
      )
    default:
      return assertNever(rule)
  }
}

/** SdI errors in a stable order: by path (indexes compared as numbers), then by code. */
export function compareSdiErrors(a: SdiError, b: SdiError): number {
  return comparePaths(a.path, b.path) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
}

/**
 * SdI's content checks ("controlli extra schema") on a file that passed the format checks (parseFattura ok): every
 * rule of `rules` (by default all of CONTENT_RULES) in force on each invoice's 2.1.1.3 Data, as SdiErrors ordered by
 * path then code; [] when SdI would find nothing wrong that the file alone can show. Pure; throws only
 * FATTURAPA_ERR_CHECK_CONTEXT when `context.receivedAt` is not a valid Date.
 */
export function checkContent(
  fattura: FatturaElettronica,
  context: ContentCheckContext,
  rules: readonly ContentRule[] = CONTENT_RULES,
): SdiError[] {
  if (!(context.receivedAt instanceof Date) || Number.isNaN(context.receivedAt.getTime())) {
    throw new ContentCheckContextError('receivedAt must be a valid Date')
  }
  const latest = latestDate(fattura)
  const errors = rules.flatMap((rule) =>
    findingsOf(rule, fattura, context, latest).map((found): SdiError => ({ code: rule.code, ...found })),
  )
  return errors.sort(compareSdiErrors)
}
