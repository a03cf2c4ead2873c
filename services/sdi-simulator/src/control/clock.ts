/** The simulator's time: the real clock, moved forward by the control API to let SdI's windows pass at once. */
export interface SimulatedClock {
  readonly now: () => Date
  readonly advance: (ms: number) => void
}

export function simulatedClock(real: () => number = Date.now): SimulatedClock {
  let offsetMs = 0
  return {
    now: () => new Date(real() + offsetMs),
    advance: (ms) => void (offsetMs += ms),
  }
}
