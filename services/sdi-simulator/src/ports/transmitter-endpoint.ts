import type { PlannedMessage } from '../domain/plan.ts'

/** A message file as SdI hands it to a transmitter's TrasmissioneFatture endpoint. */
export interface TransmitterNotice {
  readonly kind: PlannedMessage
  readonly identificativoSdI: string
  /** The message file's name (IT..._00001_RC_001.xml). */
  readonly fileName: string
  readonly file: Buffer
}

/** The transmitter's TrasmissioneFatture service; a rejected promise means "not delivered, try again later". */
export interface TransmitterEndpoint {
  readonly notify: (notice: TransmitterNotice) => Promise<void>
}
