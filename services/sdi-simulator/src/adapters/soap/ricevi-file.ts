import { setTimeout as sleep } from 'node:timers/promises'
import type { RiceviFileRequest, RiceviFileResponse } from '@varco/sdi-soap'
import type { Logger } from '@varco/observability'
import { faultForCall, type Faults } from '../../control/faults.ts'
import { receiveFile, type ReceiveDeps } from '../../use-cases/receive-file.ts'

export interface RiceviFileDeps extends ReceiveDeps {
  readonly faults: Faults
  readonly logger: Logger
}

// An answer without a file id (EI01, EI02) still carries one: the schema requires it.
const NO_ID = '0'

/**
 * SdIRiceviFile.RiceviFile: EI01 for an empty file, the injected faults, else the file is received and checked,
 * and the answer carries its IdentificativoSdI; what SdI thinks of it follows as a message (NS, RC, MC, ...).
 */
export function riceviFile(deps: RiceviFileDeps) {
  return async (request: RiceviFileRequest): Promise<RiceviFileResponse> => {
    const fault = faultForCall(deps.faults)
    const at = deps.now().toISOString()
    if (fault === 'unavailable') throw new Error('SdI is unavailable (fault injected through the control API)')
    if (fault === 'ei02') return { IdentificativoSdI: NO_ID, DataOraRicezione: at, Errore: 'EI02' }
    if (request.File.byteLength === 0) return { IdentificativoSdI: NO_ID, DataOraRicezione: at, Errore: 'EI01' }
    const receipt = await receiveFile(deps, { name: request.NomeFile, bytes: request.File })
    const codes = receipt.verdict.accepted ? [] : receipt.verdict.errors.map((error) => error.code)
    deps.logger.info(
      {
        identificativoSdI: receipt.identificativoSdI,
        fileName: request.NomeFile,
        accepted: receipt.verdict.accepted,
        codes,
      },
      'file received',
    )
    // A slow SdI answers late, after it took the file: the window in which a transmitter may never hear the answer.
    if (deps.faults.delayMs > 0) await sleep(deps.faults.delayMs)
    return { IdentificativoSdI: receipt.identificativoSdI, DataOraRicezione: receipt.receivedAt.toISOString() }
  }
}
