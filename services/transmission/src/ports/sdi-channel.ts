import type { CallOutcome } from '../domain/attempts.ts'

/** SdI's SdIRiceviFile, as the transmission service needs it: every answer or failure as a CallOutcome. */
export interface SdiChannel {
  readonly riceviFile: (fileName: string, file: Buffer) => Promise<CallOutcome>
}
