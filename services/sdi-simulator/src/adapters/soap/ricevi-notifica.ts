import type { NotificaEsitoRequest, NotificaEsitoResponse } from '@varco/sdi-soap'
import type { Logger } from '@varco/observability'
import { faultForCall, type Faults } from '../../control/faults.ts'
import { notificaEsito, type NotificaEsitoDeps } from '../../use-cases/notifica-esito.ts'

export interface RiceviNotificaDeps extends NotificaEsitoDeps {
  readonly faults: Faults
  readonly logger: Logger
}

/** SdIRiceviNotifica.NotificaEsito: ES02 while SdI is made unavailable, else the outcome of notificaEsito. */
export function riceviNotifica(deps: RiceviNotificaDeps) {
  return async (request: NotificaEsitoRequest): Promise<NotificaEsitoResponse> => {
    if (faultForCall(deps.faults) !== 'none') return { Esito: 'ES02' }
    const outcome = await notificaEsito(deps, request.IdentificativoSdI, request.File)
    deps.logger.info(
      { identificativoSdI: request.IdentificativoSdI, esito: outcome.esito },
      'recipient outcome received',
    )
    return outcome.esito === 'ES01'
      ? { Esito: 'ES01' }
      : { Esito: 'ES00', ScartoEsito: { NomeFile: outcome.scarto.fileName, File: outcome.scarto.file } }
  }
}
