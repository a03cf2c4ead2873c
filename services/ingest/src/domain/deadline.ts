import { endOfItalianDay, transmissionDeadline } from '@varco/fatturapa'

/** One document of a file (a lotto has several), as far as the deadline is concerned. */
export interface DatedDocument {
  readonly type: string
  readonly date: string
}

/** The legal deadline of an invoice file and how much of it is left. */
export interface DeadlineView {
  /** The last day to transmit to SdI (a calendar day in Italy). */
  readonly date: string
  /** The end of that day in Italy. */
  readonly dueAt: string
  /** Seconds from now to dueAt; negative once it passed; null once the file reached SdI. */
  readonly secondsLeft: number | null
  readonly overdue: boolean
}

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/

/**
 * The last day to transmit a file: the earliest of its documents' deadlines (a lotto goes to SdI whole), each 12
 * days after its date, or the 15th of the next month for deferred invoices (TD24, TD25). Undefined when no document
 * has a readable date (the file will be rejected anyway).
 */
export function fileDeadline(documents: readonly DatedDocument[]): string | undefined {
  let earliest: string | undefined
  for (const { type, date } of documents) {
    const day = date.slice(0, 10)
    if (!DATE.test(day)) continue
    const deadline = transmissionDeadline(type, day)
    if (earliest === undefined || deadline < earliest) earliest = deadline
  }
  return earliest
}

/** The deadline as the API shows it at `now`; once transmitted, time left no longer applies. */
export function deadlineView(deadline: string, now: Date, transmitted: boolean): DeadlineView {
  const dueAt = endOfItalianDay(deadline)
  const seconds = Math.floor((dueAt.getTime() - now.getTime()) / 1000)
  return {
    date: deadline,
    dueAt: dueAt.toISOString(),
    secondsLeft: transmitted ? null : seconds,
    overdue: !transmitted && seconds < 0,
  }
}
