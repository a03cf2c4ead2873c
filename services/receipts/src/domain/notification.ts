import type { InvoiceNotificationData, SdiRejectionError } from '@varco/contracts'
import { assertNever } from '@varco/errors'
import { italianDay, resubmissionDeadline, type SdiMessage } from '@varco/fatturapa'
import type { LifecycleMessage } from './lifecycle.ts'
import { sdiInstant, startOfItalianDay } from './sdi-time.ts'

/*
 * What a message SdI sent through TrasmissioneFatture says about an invoice file, as invoice.notification carries it
 * and as the lifecycle reads it. Pure: the use case adds the stored message, the time and the lifecycle's decision.
 */

/** TrasmissioneFatture's operations, and the only message kind each may carry. */
export const TRANSMITTER_OPERATIONS = {
  RicevutaConsegna: 'RC',
  NotificaMancataConsegna: 'MC',
  NotificaScarto: 'NS',
  NotificaEsito: 'NE',
  NotificaDecorrenzaTermini: 'DT',
  AttestazioneTrasmissioneFattura: 'AT',
} as const

export type TransmitterOperation = keyof typeof TRANSMITTER_OPERATIONS
export type NotificationKind = InvoiceNotificationData['kind']

/** The parts of invoice.notification's data that come from the message itself. */
export type NotificationDetails = Pick<
  InvoiceNotificationData,
  'messageId' | 'sdiReceivedAt' | 'errors' | 'resubmitBy' | 'outcome' | 'delivery' | 'inReservedAreaSince'
>

export interface NotificationFacts {
  readonly kind: NotificationKind
  readonly identificativoSdI: string
  /** The invoice file the message is about. */
  readonly invoiceFileName: string
  readonly lifecycleMessage: LifecycleMessage
  readonly details: NotificationDetails
}

export type FactsResult =
  { readonly ok: true; readonly facts: NotificationFacts } | { readonly ok: false; readonly reason: string }

type TransmitterMessage = Extract<SdiMessage, { kind: NotificationKind }>

const refused = (reason: string): FactsResult => ({ ok: false, reason })

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: V }

function rejectionErrors(message: Extract<TransmitterMessage, { kind: 'NS' }>): SdiRejectionError[] {
  const errors = message.data.ListaErrori.Errore
  if (message.family === 'pa') return errors.map((e) => ({ code: e.Codice, description: e.Descrizione }))
  return message.data.ListaErrori.Errore.map((e) => ({
    code: e.Codice,
    description: e.Descrizione,
    ...optional('suggestion', e.Suggerimento),
  }))
}

/** When SdI received the invoice file, on the messages that say it (the transmission service settles with it). */
function sdiReceivedAtOf(message: TransmitterMessage): string | undefined {
  const data = message.data as { readonly DataOraRicezione?: string }
  return data.DataOraRicezione === undefined ? undefined : sdiInstant(data.DataOraRicezione)
}

function detailsOf(message: TransmitterMessage, receivedAt: Date): NotificationDetails | string {
  const messageId = {
    ...optional('messageId', message.data.MessageId),
    ...optional('sdiReceivedAt', sdiReceivedAtOf(message)),
  }
  switch (message.kind) {
    case 'NS':
      // SdI counts the five days from the rejection, which reaches us when SdI sends it.
      return {
        ...messageId,
        errors: rejectionErrors(message),
        resubmitBy: resubmissionDeadline(italianDay(receivedAt)),
      }
    case 'RC': {
      const deliveredAt = sdiInstant(message.data.DataOraConsegna)
      if (deliveredAt === undefined) return `DataOraConsegna '${message.data.DataOraConsegna}' is not a date-time`
      const { Codice, Descrizione } = message.data.Destinatario
      return {
        ...messageId,
        delivery: { deliveredAt, recipientCode: Codice, ...optional('recipientName', Descrizione?.slice(0, 200)) },
      }
    }
    case 'MC': {
      if (message.family === 'pa') return messageId
      const since = startOfItalianDay(message.data.DataMessaADisposizione)
      if (since === undefined) return `DataMessaADisposizione '${message.data.DataMessaADisposizione}' is not a date`
      return { ...messageId, inReservedAreaSince: since }
    }
    case 'NE': {
      const { Esito, Descrizione } = message.data.EsitoCommittente
      return { ...messageId, outcome: { esito: Esito, ...optional('description', Descrizione) } }
    }
    case 'DT':
    case 'AT':
      return messageId
    default:
      return assertNever(message, 'TrasmissioneFatture message')
  }
}

function lifecycleMessageOf(message: TransmitterMessage): LifecycleMessage {
  switch (message.kind) {
    case 'NS':
      return { kind: 'NS', onlyDuplicateName: rejectionErrors(message).every((error) => error.code === '00002') }
    case 'NE':
      return { kind: 'NE', esito: message.data.EsitoCommittente.Esito }
    case 'RC':
    case 'MC':
    case 'DT':
    case 'AT':
      return { kind: message.kind }
    default:
      return assertNever(message, 'TrasmissioneFatture message')
  }
}

/**
 * MessaggiTypes' IdentificativoSdI is an xs:integer (`+007` and `7` are the same), the B2B family's a string: digits
 * are compared without sign and leading zeros, anything else as it is.
 */
export function canonicalIdentificativo(value: string): string {
  const text = value.trim()
  return /^\+?[0-9]+$/.test(text) ? text.replace(/^\+?0*(?=[0-9])/, '') : text
}

const isTransmitterMessage = (message: SdiMessage): message is TransmitterMessage =>
  message.kind === 'NS' ||
  message.kind === 'RC' ||
  message.kind === 'MC' ||
  message.kind === 'NE' ||
  message.kind === 'DT' ||
  message.kind === 'AT'

/**
 * The facts of a parsed message that came through `operation`, or why it cannot be taken: a message of another
 * kind than the operation's (an RC sent to NotificaScarto), or one about another file than the call says.
 */
export function notificationFacts(
  operation: TransmitterOperation,
  call: { readonly identificativoSdI: string },
  message: SdiMessage,
  receivedAt: Date,
): FactsResult {
  const expected = TRANSMITTER_OPERATIONS[operation]
  if (!isTransmitterMessage(message) || message.kind !== expected) {
    return refused(`${operation} carries ${expected} messages, not ${message.root} (${message.kind})`)
  }
  const identificativoSdI = canonicalIdentificativo(message.data.IdentificativoSdI)
  if (identificativoSdI !== canonicalIdentificativo(call.identificativoSdI)) {
    return refused(
      `the call is about IdentificativoSdI ${call.identificativoSdI}, the message about ${message.data.IdentificativoSdI}`,
    )
  }
  const details = detailsOf(message, receivedAt)
  if (typeof details === 'string') return refused(details)
  return {
    ok: true,
    facts: {
      kind: message.kind,
      identificativoSdI,
      invoiceFileName: message.data.NomeFile,
      lifecycleMessage: lifecycleMessageOf(message),
      details,
    },
  }
}
