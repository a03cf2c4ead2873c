import { assertNever } from '@varco/errors'
import type { PaNotificaEsitoCommittente, SdiError, SdiMessage } from '@varco/fatturapa'
import {
  deliveryReceipt,
  notDelivered,
  outcomeNotice,
  rejection,
  termsExpired,
  transmissionAttested,
  type FileFacts,
} from './messages.ts'
import type { PlannedMessage } from './plan.ts'

/** A planned message, due now, with what building it needs. */
export interface DueMessage {
  readonly kind: PlannedMessage
  readonly esito?: 'EC01' | 'EC02'
  /** For NE: the recipient's own outcome, when a real recipient sent one (else the script's esito is made up). */
  readonly esitoCommittente?: PaNotificaEsitoCommittente
  readonly file: FileFacts
  /** The rejected file's errors, for an NS. */
  readonly errors: readonly SdiError[]
}

/** The message SdI sends for a planned step, as of `now` (an RC's delivery time, an MC's reserved-area date). */
export function buildDueMessage(due: DueMessage, messageId: string, now: Date): SdiMessage {
  const { file } = due
  switch (due.kind) {
    case 'NS':
      return rejection(file, due.errors, messageId)
    case 'RC':
      return deliveryReceipt(file, now, messageId)
    case 'MC':
      return notDelivered(file, now, messageId)
    case 'NE': {
      if (due.esitoCommittente !== undefined) return outcomeNotice(file, due.esitoCommittente, messageId)
      const esito = due.esito ?? 'EC01'
      const descrizione = esito === 'EC01' ? 'Fattura accettata' : 'Fattura rifiutata'
      const ec = {
        versione: '1.0',
        IdentificativoSdI: file.identificativoSdI,
        Esito: esito,
        Descrizione: descrizione,
      } as const
      return outcomeNotice(file, ec, messageId)
    }
    case 'DT':
      return termsExpired(file, messageId)
    case 'AT':
      return transmissionAttested(file, messageId)
    default:
      return assertNever(due.kind, 'planned message')
  }
}
