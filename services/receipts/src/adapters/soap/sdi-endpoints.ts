import type { RicezioneFattureHandlers, TrasmissioneFattureHandlers } from '@varco/sdi-soap'
import type { TransmitterOperation } from '../../domain/notification.ts'
import { takeIncomingTermsExpired } from '../../use-cases/incoming-terms-expired.ts'
import { receiveInvoice, type ReceiveInvoiceDeps } from '../../use-cases/receive-invoice.ts'
import { takeNotification, type NotificationDeps } from '../../use-cases/take-notification.ts'

export type SdiEndpointDeps = NotificationDeps & ReceiveInvoiceDeps

/** TrasmissioneFatture: each of SdI's six messages to a transmitter goes to the same intake, by operation. */
export function trasmissioneFattureHandlers(deps: NotificationDeps): TrasmissioneFattureHandlers {
  const take = (operation: TransmitterOperation): TrasmissioneFattureHandlers['ricevutaConsegna'] => {
    return (request, context) => takeNotification(deps, operation, request, context)
  }
  return {
    ricevutaConsegna: take('RicevutaConsegna'),
    notificaMancataConsegna: take('NotificaMancataConsegna'),
    notificaScarto: take('NotificaScarto'),
    notificaEsito: take('NotificaEsito'),
    notificaDecorrenzaTermini: take('NotificaDecorrenzaTermini'),
    attestazioneTrasmissioneFattura: take('AttestazioneTrasmissioneFattura'),
  }
}

/** RicezioneFatture: the invoices SdI delivers to our clients, and the DTs about them. */
export function ricezioneFattureHandlers(deps: SdiEndpointDeps): RicezioneFattureHandlers {
  return {
    riceviFatture: (request, context) => receiveInvoice(deps, request, context),
    notificaDecorrenzaTermini: (request, context) => takeIncomingTermsExpired(deps, request, context),
  }
}
