import { errorCode, errorMessage } from '@varco/errors'
import type { SdIRiceviNotificaClient } from '@varco/sdi-soap'
import type { NotificaOutcome } from '../../domain/outcome-steps.ts'

/** The recipient's side of SdI: SdIRiceviNotifica.NotificaEsito, every answer or failure as a NotificaOutcome. */
export interface NotificaChannel {
  readonly notificaEsito: (identificativoSdI: string, fileName: string, file: Buffer) => Promise<NotificaOutcome>
}

const UNAVAILABLE: Readonly<Record<string, 'network' | 'timeout' | 'http-5xx'>> = {
  SDI_SOAP_ERR_NETWORK: 'network',
  SDI_SOAP_ERR_ABORTED: 'network',
  SDI_SOAP_ERR_TIMEOUT: 'timeout',
  SDI_SOAP_ERR_HTTP_5XX: 'http-5xx',
}

// SdiSoapFault's message names the faultcode: "... returned fault soap:Client: ...".
const CLIENT_FAULT = /returned fault (\S+:)?Client\b/

/**
 * A Server fault or 5xx is SdI's side failing: retried. A Client fault is SdI saying the request is wrong: final.
 * TLS and configuration errors propagate (the call stays 'calling' and goes again after recovery; the logs say
 * what to fix), as for RiceviFile.
 */
export function soapNotificaChannel(client: SdIRiceviNotificaClient): NotificaChannel {
  return {
    notificaEsito: async (identificativoSdI, fileName, file): Promise<NotificaOutcome> => {
      try {
        const answer = await client.notificaEsito({
          IdentificativoSdI: identificativoSdI,
          NomeFile: fileName,
          File: file,
        })
        switch (answer.Esito) {
          case 'ES01':
            return { kind: 'taken' }
          case 'ES02':
            return { kind: 'unavailable', reason: 'ES02', detail: 'SdI answered ES02: service unavailable' }
          case 'ES00':
            if (answer.ScartoEsito === undefined) {
              return { kind: 'unavailable', reason: 'http-5xx', detail: 'SdI answered ES00 without its SE' }
            }
            return { kind: 'refused', scarto: { fileName: answer.ScartoEsito.NomeFile, file: answer.ScartoEsito.File } }
        }
      } catch (err) {
        const code = errorCode(err)
        if (code === 'SDI_SOAP_ERR_FAULT') {
          const message = errorMessage(err)
          return CLIENT_FAULT.test(message)
            ? { kind: 'faulted', detail: message }
            : { kind: 'unavailable', reason: 'http-5xx', detail: message }
        }
        const reason = UNAVAILABLE[code]
        if (reason === undefined) throw err
        return { kind: 'unavailable', reason, detail: errorMessage(err) }
      }
    },
  }
}
