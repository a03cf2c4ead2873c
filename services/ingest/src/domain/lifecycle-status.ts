import type { InvoiceNotification, LifecycleOutcome, LifecycleState } from '@varco/contracts'
import { assertNever } from '@varco/errors'
import { italianDay, resubmissionDeadline } from '@varco/fatturapa'
import type { InvoiceStatus, ProjectionChange } from './status.ts'

/**
 * A notification's rank: above every stage before SdI's messages (status.ts ranks them 0-4), then the lifecycle's
 * sequence, so that the receipts service's latest decision wins whatever order the notifications arrive in.
 */
export const NOTIFICATION_RANK_BASE = 100

/**
 * The API status of a lifecycle state. The receipts service decides transitions; the API only projects them.
 * `submitted` (a first message the flow could not explain leaves the file there) is the file at SdI: transmitted.
 */
export function statusOfLifecycle(state: LifecycleState): InvoiceStatus {
  switch (state) {
    case 'submitted':
      return 'transmitted'
    case 'rejected':
    case 'delivered':
    case 'not_delivered':
    case 'accepted':
    case 'refused':
    case 'terms_expired':
    case 'undeliverable_attested':
    case 'in_reserved_area':
      return state
    default:
      return assertNever(state, 'lifecycle state')
  }
}

/** What a timeline entry of a notification shows: which message, and what the lifecycle made of it. */
export interface NotificationDetail {
  readonly kind: InvoiceNotification['data']['kind']
  readonly messageFileName: string
  readonly identificativoSdI: string
  readonly decision: LifecycleOutcome['decision']
  readonly from: LifecycleState
  readonly state: LifecycleState
  readonly sequence: number
  readonly reason?: string
  readonly esito?: 'EC01' | 'EC02'
}

function detailOf({ data }: InvoiceNotification): NotificationDetail {
  const { lifecycle } = data
  return {
    kind: data.kind,
    messageFileName: data.messageFileName,
    identificativoSdI: data.identificativoSdI,
    decision: lifecycle.decision,
    from: lifecycle.from,
    state: lifecycle.state,
    sequence: lifecycle.sequence,
    ...(lifecycle.reason === undefined ? {} : { reason: lifecycle.reason }),
    ...(data.outcome === undefined ? {} : { esito: data.outcome.esito }),
  }
}

/**
 * What a notification tells about its invoice: the lifecycle's state after it (ranked by its sequence) and the facts
 * it brings, which apply whatever its rank (an NS's errors, an RC's delivery, an NE's outcome).
 */
export function notificationChange(event: InvoiceNotification): ProjectionChange {
  const { data } = event
  return {
    status: statusOfLifecycle(data.lifecycle.state),
    rank: NOTIFICATION_RANK_BASE + data.lifecycle.sequence,
    sdiId: data.identificativoSdI,
    detail: detailOf(event),
    // An NS the lifecycle did not follow (forbidden after an RC) is in the timeline, not in the invoice's facts.
    ...(data.kind === 'NS' && data.lifecycle.state === 'rejected'
      ? {
          sdiRejection: {
            errors: data.errors ?? [],
            rejectedAt: data.receivedAt,
            messageFileName: data.messageFileName,
            // The receipts service states it; counted here the same way should it not (five days from the NS).
            resubmitBy: data.resubmitBy ?? resubmissionDeadline(italianDay(new Date(data.receivedAt))),
          },
        }
      : {}),
    ...(data.delivery === undefined ? {} : { delivery: data.delivery }),
    ...(data.outcome === undefined ? {} : { sdiOutcome: data.outcome }),
    ...(data.inReservedAreaSince === undefined ? {} : { reservedAreaSince: data.inReservedAreaSince }),
  }
}
