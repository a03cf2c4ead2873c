/*
 * Faults a test or a demo injects through the control API, applied to RiceviFile calls: SdI down (HTTP 503), SdI
 * answering EI02, SdI slow. They live in the process: a restarted simulator starts healthy.
 */

export type FaultMode = 'none' | 'unavailable' | 'ei02'

export interface Faults {
  mode: FaultMode
  /** Extra delay before each RiceviFile answer (after the file was taken), in ms. */
  delayMs: number
  /** How many calls the fault lasts; undefined: until cleared. */
  remaining: number | undefined
}

export function healthy(): Faults {
  return { mode: 'none', delayMs: 0, remaining: undefined }
}

/** The fault this call meets, counting it down; 'none' once its calls are used up. */
export function faultForCall(faults: Faults): FaultMode {
  if (faults.mode === 'none') return 'none'
  if (faults.remaining !== undefined) {
    if (faults.remaining <= 0) return 'none'
    faults.remaining -= 1
  }
  return faults.mode
}

/** Faults of SdI's own calls to the transmitter: each message sent twice, or the messages due together sent last first. */
export interface NotificationFaults {
  duplicate: boolean
  reverse: boolean
}

export function orderly(): NotificationFaults {
  return { duplicate: false, reverse: false }
}
