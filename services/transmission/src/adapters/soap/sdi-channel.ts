import { errorCode, errorMessage } from '@varco/errors'
import type { SdIRiceviFileClient } from '@varco/sdi-soap'
import type { CallOutcome } from '../../domain/attempts.ts'
import type { SdiChannel } from '../../ports/sdi-channel.ts'

/*
 * The SOAP client's answers and errors as the domain's CallOutcome. A SOAP 1.1 fault travels as HTTP 500: SdI's
 * side failed, so it is retried like any 5xx, within the deadline. TLS and configuration errors are not SdI being
 * away: they propagate, the attempt stays 'calling', and recovery retries it after the reconciliation window,
 * while the logs say what to fix.
 */

const UNAVAILABLE: Readonly<Record<string, 'network' | 'timeout' | 'http-5xx'>> = {
  SDI_SOAP_ERR_NETWORK: 'network',
  SDI_SOAP_ERR_ABORTED: 'network',
  SDI_SOAP_ERR_TIMEOUT: 'timeout',
  SDI_SOAP_ERR_HTTP_5XX: 'http-5xx',
  SDI_SOAP_ERR_FAULT: 'http-5xx',
}

/** SdIRiceviFile through a SOAP client (MTOM, mutual TLS, a timeout on every call). */
export function soapSdiChannel(client: SdIRiceviFileClient): SdiChannel {
  return {
    riceviFile: async (fileName, file): Promise<CallOutcome> => {
      try {
        const answer = await client.riceviFile({ NomeFile: fileName, File: file })
        switch (answer.Errore) {
          case undefined:
            return {
              kind: 'accepted',
              identificativoSdI: answer.IdentificativoSdI,
              dataOraRicezione: answer.DataOraRicezione,
            }
          case 'EI02':
            return { kind: 'unavailable', reason: 'EI02', detail: 'SdI answered EI02: service unavailable' }
          case 'EI01':
          case 'EI03':
            return { kind: 'refused', errore: answer.Errore }
        }
      } catch (err) {
        const reason = UNAVAILABLE[errorCode(err)]
        if (reason === undefined) throw err
        return { kind: 'unavailable', reason, detail: errorMessage(err) }
      }
    },
  }
}
