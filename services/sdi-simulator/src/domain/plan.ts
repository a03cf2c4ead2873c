import { assertNever } from '@varco/errors'

/*
 * What the simulator does after accepting a file, per FACTS.md §7 and §8. A script chooses the outcome (per
 * recipient code or per file, through the control API); the plan says which message is due when. Real SdI windows
 * are days long: they are divided by the time scale, so a demo sees the 15-day acceptance window pass in seconds.
 */

/** How delivery goes: delivered at once, never (MC; for a PA, AT after 10 days), or after a failed first attempt. */
export type DeliveryScript = 'deliver' | 'undeliverable' | 'deliver-late'
/** A public administration's answer: accept (EC01), refuse (EC02), or none, so the terms expire (DT). */
export type EsitoScript = 'EC01' | 'EC02' | 'none'

export interface OutcomeScript {
  readonly delivery: DeliveryScript
  /** Only for FPA12 files; ignored for FPR12, which have no outcome. */
  readonly esito: EsitoScript
}

export const DEFAULT_SCRIPT: OutcomeScript = { delivery: 'deliver', esito: 'EC01' }

export interface Windows {
  /** From reception to the first delivery attempt and its receipt (RC or MC). */
  readonly processingMs: number
  /** From a failed first attempt to the late delivery of 'deliver-late'. */
  readonly retryMs: number
  /** From delivery to the administration's scripted outcome. */
  readonly decisionMs: number
  /** FACTS.md §7: 15 days from delivery for the outcome, then DT. */
  readonly acceptanceMs: number
  /** FACTS.md §7: 10 days without delivery, then AT. */
  readonly attestationMs: number
  /** FACTS.md §7: SdI calls a transmitter's endpoint that is down again about 12 hours later, 4 times in all. */
  readonly notificationRetryMs: number
}

/** How many times SdI tries to deliver one message to a transmitter's endpoint (FACTS.md §7, [S]). */
export const NOTIFICATION_ATTEMPTS = 4

const DAY = 86_400_000

/** SdI's real windows, and ours for what SdI does not fix (processing, a recipient's decision). */
export const SDI_WINDOWS: Windows = {
  processingMs: 60_000,
  retryMs: DAY / 4,
  decisionMs: 2 * DAY,
  acceptanceMs: 15 * DAY,
  attestationMs: 10 * DAY,
  notificationRetryMs: DAY / 2,
}

/** The windows divided by `scale` (1: real time; 86,400: a day a second). */
export function scaledWindows(scale: number, windows: Windows = SDI_WINDOWS): Windows {
  if (!(scale >= 1)) throw new RangeError(`the time scale must be 1 or more, not ${scale}`)
  return {
    processingMs: windows.processingMs / scale,
    retryMs: windows.retryMs / scale,
    decisionMs: windows.decisionMs / scale,
    acceptanceMs: windows.acceptanceMs / scale,
    attestationMs: windows.attestationMs / scale,
    notificationRetryMs: windows.notificationRetryMs / scale,
  }
}

export type PlannedMessage = 'NS' | 'RC' | 'MC' | 'NE' | 'DT' | 'AT'

export interface PlannedStep {
  /** Milliseconds after reception. */
  readonly afterMs: number
  readonly message: PlannedMessage
  /** For NE: the administration's outcome. */
  readonly esito?: 'EC01' | 'EC02'
}

function afterDelivery(deliveredAfter: number, script: OutcomeScript, w: Windows): PlannedStep[] {
  switch (script.esito) {
    case 'EC01':
    case 'EC02':
      return [{ afterMs: deliveredAfter + w.decisionMs, message: 'NE', esito: script.esito }]
    case 'none':
      return [{ afterMs: deliveredAfter + w.acceptanceMs, message: 'DT' }]
    default:
      return assertNever(script.esito, 'esito script')
  }
}

/** The messages due for an accepted file, in time order. */
export function planOutcome(formato: 'FPA12' | 'FPR12', script: OutcomeScript, w: Windows): PlannedStep[] {
  const first = w.processingMs
  switch (script.delivery) {
    case 'deliver':
      return formato === 'FPR12'
        ? [{ afterMs: first, message: 'RC' }]
        : [{ afterMs: first, message: 'RC' }, ...afterDelivery(first, script, w)]
    case 'undeliverable':
      return formato === 'FPR12'
        ? [{ afterMs: first, message: 'MC' }]
        : [
            { afterMs: first, message: 'MC' },
            { afterMs: first + w.attestationMs, message: 'AT' },
          ]
    case 'deliver-late': {
      // B2B: after an MC the invoice sits in the reserved area and counts as issued; SdI does not deliver it later.
      if (formato === 'FPR12') return [{ afterMs: first, message: 'MC' }]
      const delivered = first + Math.min(w.retryMs, w.attestationMs / 2)
      return [
        { afterMs: first, message: 'MC' },
        { afterMs: delivered, message: 'RC' },
        ...afterDelivery(delivered, script, w),
      ]
    }
    default:
      return assertNever(script.delivery, 'delivery script')
  }
}
