import type { FatturaElettronica } from '../../src/index.ts'
import type { SdiErrorCode } from '../../src/sdi/sdi-error.ts'

export interface Expected {
  readonly code: SdiErrorCode
  readonly path: string
}

/** One table row: an edit of the valid base invoice and what checkContent must then report, exactly. */
export interface RuleCase {
  /** The rule under test. */
  readonly code: SdiErrorCode
  readonly name: string
  readonly edit: (f: FatturaElettronica) => void
  /** Paths where `code` must be reported; [] for a case that passes the rule. */
  readonly fails: readonly string[]
  /** Other errors the same edit unavoidably causes (e.g. a line without Natura leaves its summary unmatched). */
  readonly also?: readonly Expected[]
}
