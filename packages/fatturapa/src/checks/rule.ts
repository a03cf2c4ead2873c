import type { FatturaElettronicaBody } from '../model/body.ts'
import type { FatturaElettronica } from '../model/fattura.ts'
import type { LocalizedText, SdiErrorCode } from '../sdi/sdi-error.ts'
import type { SpecVersion } from './spec-versions.ts'

/** What the file alone does not say and some rules need. */
export interface ContentCheckContext {
  /** When SdI received the file (DataOraRicezione): 2.1.1.3 <Data> may not be later (00403). */
  readonly receivedAt: Date
}

/** One problem a rule found: where, and what is wrong with this file (the rule supplies the code). */
export interface Finding {
  readonly path: string
  readonly message: LocalizedText
}

/** Where a body rule is looking: the body's index in the file, the whole file and the context. */
export interface BodyAt {
  readonly index: number
  readonly fattura: FatturaElettronica
  readonly context: ContentCheckContext
}

interface RuleBase extends SpecVersion {
  readonly code: SdiErrorCode
}

/** A rule about the file as a whole (header, or several bodies of a lotto); runs once. */
export interface FileRule extends RuleBase {
  readonly scope: 'file'
  readonly check: (fattura: FatturaElettronica, context: ContentCheckContext) => readonly Finding[]
}

/** A rule about one invoice of the file; runs for each body dated on or after `since`. */
export interface BodyRule extends RuleBase {
  readonly scope: 'body'
  readonly check: (body: FatturaElettronicaBody, at: BodyAt) => readonly Finding[]
}

/** A content check ("controllo extra schema") of SdI, described by data: its code, its origin and its test. */
export type ContentRule = FileRule | BodyRule

/** A finding with its text in both languages. */
export function finding(path: string, it: string, en: string): Finding {
  return { path, message: { it, en } }
}
