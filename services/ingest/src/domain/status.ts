import type {
  InvoiceNotification,
  InvoiceRejected,
  InvoiceSigned,
  InvoiceSigningFailed,
  InvoiceTransmissionFailed,
  InvoiceTransmitted,
  InvoiceValidated,
} from '@varco/contracts'
import { assertNever } from '@varco/errors'
import { notificationChange, type NotificationDetail } from './lifecycle-status.ts'

/** Where an invoice is in its life, as the API shows it. */
export const INVOICE_STATUSES = [
  'received',
  'validated',
  'rejected',
  'signed',
  'signing_failed',
  'transmitted',
  'transmission_failed',
  // From SdI's notifications (FACTS.md §8), as the receipts service's lifecycle decides them.
  'delivered',
  'not_delivered',
  'accepted',
  'refused',
  'terms_expired',
  'undeliverable_attested',
  'in_reserved_area',
] as const

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number]

/** The events the view is kept from (invoice.received is the view's own first row). */
export type ProjectedEvent =
  | InvoiceValidated
  | InvoiceRejected
  | InvoiceSigned
  | InvoiceSigningFailed
  | InvoiceTransmitted
  | InvoiceTransmissionFailed
  | InvoiceNotification

export interface SdiErrorView {
  readonly code: string
  readonly path: string
  readonly message: { readonly it: string; readonly en: string }
  readonly detail?: string | undefined
}

/** What one event changes in the view. Facts (names, files, errors) always apply; the status only moves forward. */
export interface ProjectionChange {
  readonly status: InvoiceStatus
  readonly rank: number
  readonly signed?: { readonly sha256: string; readonly mediaType: string }
  readonly sdiFileName?: string
  readonly sdiId?: string
  readonly errors?: readonly SdiErrorView[]
  readonly failure?: { readonly stage: 'signing' | 'transmission'; readonly cause: string; readonly message: string }
  /** Facts of SdI's notifications (see lifecycle-status.ts). */
  readonly sdiRejection?: SdiRejectionView
  readonly delivery?: NonNullable<InvoiceNotification['data']['delivery']>
  readonly sdiOutcome?: NonNullable<InvoiceNotification['data']['outcome']>
  readonly reservedAreaSince?: string
  /** What the timeline entry of the event tells beyond its type. */
  readonly detail?: NotificationDetail
}

/** SdI's NS: every error as SdI wrote it, when it came, and the last day to send the corrected file. */
export interface SdiRejectionView {
  readonly errors: Array<{ readonly code: string; readonly description: string; readonly suggestion?: string }>
  readonly rejectedAt: string
  readonly messageFileName: string
  readonly resubmitBy: string
}

// Ranks order the stages; events of one invoice travel on different topics, so they may arrive in any order.
// A rejection by SdI comes after transmission; one by our validation before signing.
const RANK = {
  received: 0,
  validated: 1,
  rejectedByValidation: 1,
  signed: 2,
  signingFailed: 2,
  transmitted: 3,
  transmissionFailed: 3,
  rejectedBySdi: 4,
} as const

/** The first rank, of an invoice just received. */
export const RECEIVED_RANK = RANK.received

/** What `event` tells about its invoice. */
export function changeOf(event: ProjectedEvent): ProjectionChange {
  switch (event.type) {
    case 'invoice.validated':
      return { status: 'validated', rank: RANK.validated }
    case 'invoice.rejected':
      return {
        status: 'rejected',
        rank: event.data.stage === 'sdi' ? RANK.rejectedBySdi : RANK.rejectedByValidation,
        errors: event.data.errors,
      }
    case 'invoice.signed':
      return {
        status: 'signed',
        rank: RANK.signed,
        signed: { sha256: event.data.signed.sha256, mediaType: event.data.signed.mediaType },
        sdiFileName: event.data.fileName,
      }
    case 'invoice.signing_failed':
      return {
        status: 'signing_failed',
        rank: RANK.signingFailed,
        failure: { stage: 'signing', cause: event.data.cause, message: event.data.message },
      }
    case 'invoice.transmitted':
      return {
        status: 'transmitted',
        rank: RANK.transmitted,
        sdiFileName: event.data.fileName,
        sdiId: event.data.identificativoSdI,
      }
    case 'invoice.transmission_failed':
      return {
        status: 'transmission_failed',
        rank: RANK.transmissionFailed,
        failure: { stage: 'transmission', cause: event.data.cause, message: event.data.message },
      }
    case 'invoice.notification':
      return notificationChange(event)
    default:
      return assertNever(event, 'event')
  }
}

/** The status after a change: the later stage wins, so a late event of an earlier stage never moves it back. */
export function nextStatus(
  current: { readonly status: InvoiceStatus; readonly rank: number },
  change: ProjectionChange,
): { readonly status: InvoiceStatus; readonly rank: number } {
  return change.rank > current.rank ? { status: change.status, rank: change.rank } : current
}

/** Whether the file reached SdI (the transmission deadline is then met): transmitted, or any news from SdI. */
export function reachedSdi(status: InvoiceStatus, rank: number): boolean {
  return status === 'transmitted' || rank >= RANK.rejectedBySdi
}
