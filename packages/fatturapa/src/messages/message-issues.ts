import { FatturaIssueCode, type FatturaIssue } from '../xml/issues.ts'

/**
 * Stable codes of what parseSdiMessage reports: those of the invoice codec (size, encoding, DOCTYPE, structure,
 * values; see FatturaIssueCode), plus one for a root element that is no SdI message.
 */
export const SdiMessageIssueCode = {
  ...FatturaIssueCode,
  /** The root element is not one of the message roots of MessaggiTypes v1.1 or MessaggiFatturaTypes v1.0. */
  notSdiMessage: 'FATTURAPA_ERR_NOT_SDI_MESSAGE',
} as const

export type SdiMessageIssueCode = (typeof SdiMessageIssueCode)[keyof typeof SdiMessageIssueCode]

/** One problem found in a message file; `path` is relative to the root, as for invoices (`ListaErrori.Errore[2]`). */
export interface SdiMessageIssue extends Omit<FatturaIssue, 'code'> {
  readonly code: SdiMessageIssueCode
}
