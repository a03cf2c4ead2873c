import { endOfItalianDay, italianDay } from '@varco/fatturapa'
import type { DocumentFacts } from './file-facts.ts'
import type { InvoiceStatus, SdiRejectionView } from './status.ts'

/** The five-day window to send a corrected file after SdI's NS (FACTS.md §7), as the API shows it. */
export interface ResubmissionWindow {
  /** The last day (in Italy) to send the corrected file. */
  readonly resubmitBy: string
  /** The end of that day in Italy. */
  readonly dueAt: string
  /** Whether a corrected file is still in time, today in Italy. */
  readonly open: boolean
}

/** The window at `now`: open through the whole of its last day in Italy (SdI counts calendar days there). */
export function resubmissionWindow(resubmitBy: string, now: Date): ResubmissionWindow {
  return { resubmitBy, dueAt: endOfItalianDay(resubmitBy).toISOString(), open: italianDay(now) <= resubmitBy }
}

/** What stands in the way of a resubmission of an invoice, if anything. */
export type ResubmissionRefusal =
  | { readonly kind: 'not_rejected_by_sdi' }
  | { readonly kind: 'already_resubmitted'; readonly by: string }
  | { readonly kind: 'window_closed'; readonly resubmitBy: string }

export interface RejectedInvoiceFacts {
  readonly status: InvoiceStatus
  readonly sdiRejection: SdiRejectionView | null
  readonly resubmittedAs: string | null
}

/**
 * Whether a corrected file may replace this invoice now: SdI rejected it (an NS; a rejection by our own validation
 * never reached SdI, so the vendor simply submits again), it has no resubmission yet, and the window is open.
 */
export function resubmissionRefusal(invoice: RejectedInvoiceFacts, now: Date): ResubmissionRefusal | undefined {
  if (invoice.status !== 'rejected' || invoice.sdiRejection === null) return { kind: 'not_rejected_by_sdi' }
  if (invoice.resubmittedAs !== null) return { kind: 'already_resubmitted', by: invoice.resubmittedAs }
  const window = resubmissionWindow(invoice.sdiRejection.resubmitBy, now)
  if (!window.open) return { kind: 'window_closed', resubmitBy: window.resubmitBy }
  return undefined
}

/**
 * The documents (number, date) of the corrected file that differ from the rejected one's, as readable text; empty
 * when they match. SdI requires a corrected file to keep the rejected invoice's number and date (Circolare 13/E/2018),
 * document by document for a lotto.
 */
export function identityDifferences(
  rejected: readonly DocumentFacts[],
  corrected: readonly DocumentFacts[],
): readonly string[] {
  const key = (d: DocumentFacts) => `${d.number} of ${d.date}`
  const before = rejected.map(key)
  const after = corrected.map(key)
  const missing = before.filter((k) => !after.includes(k)).map((k) => `missing ${k}`)
  const extra = after.filter((k) => !before.includes(k)).map((k) => `new ${k}`)
  return [...missing, ...extra]
}
