import type { PaNotificaEsitoCommittente, SdiError, SdiMessage } from '@varco/fatturapa'
import type { Recipient } from './submitted-file.ts'

/*
 * The messages SdI sends about a file, built as SdI builds them (FACTS.md §3): the PA family (MessaggiTypes) for
 * FPA12 files, the B2B family (MessaggiFatturaTypes) for FPR12. They are written unsigned here; the simulator signs
 * each with its own XAdES certificate before sending it.
 */

/** What every message about one received file repeats. */
export interface FileFacts {
  /** SdI's id of the file: digits in both families (MessaggiTypes allows 12 at most). */
  readonly identificativoSdI: string
  readonly nomeFile: string
  readonly receivedAt: Date
  /** SHA-256 (hex) of the file as received. */
  readonly hash: string
  readonly formato: 'FPA12' | 'FPR12'
  readonly recipient: Recipient
}

const PA_DESCRIZIONE_MAX = 255
const time = (at: Date) => at.toISOString()
const isoDate = (at: Date) => at.toISOString().slice(0, 10)
const base = (file: FileFacts) => ({
  versione: '1.0' as const,
  IdentificativoSdI: file.identificativoSdI,
  NomeFile: file.nomeFile,
})
const destinatario = (file: FileFacts) => ({ Codice: file.recipient.code, Descrizione: file.recipient.name })

/** NS: the file is rejected, with every error (at most 200, as SdI). */
export function rejection(file: FileFacts, errors: readonly SdiError[], messageId: string): SdiMessage {
  const listed = errors.slice(0, 200)
  const received = { ...base(file), DataOraRicezione: time(file.receivedAt) }
  if (file.formato === 'FPA12') {
    const Errore = listed.map((e) => ({ Codice: e.code, Descrizione: e.message.it.slice(0, PA_DESCRIZIONE_MAX) }))
    return {
      kind: 'NS',
      family: 'pa',
      root: 'NotificaScarto',
      data: { ...received, ListaErrori: { Errore }, MessageId: messageId },
    }
  }
  const Errore = listed.map((e) => ({
    Codice: e.code,
    Descrizione: e.message.it.slice(0, 1000),
    Suggerimento: e.path === '' ? '' : `Elemento: ${e.path}`,
  }))
  return {
    kind: 'NS',
    family: 'b2b',
    root: 'RicevutaScarto',
    data: { ...received, Hash: file.hash, ListaErrori: { Errore }, MessageId: messageId },
  }
}

/** RC: delivered to the recipient. */
export function deliveryReceipt(file: FileFacts, deliveredAt: Date, messageId: string): SdiMessage {
  const data = {
    ...base(file),
    DataOraRicezione: time(file.receivedAt),
    DataOraConsegna: time(deliveredAt),
    Destinatario: destinatario(file),
    MessageId: messageId,
  }
  return file.formato === 'FPA12'
    ? { kind: 'RC', family: 'pa', root: 'RicevutaConsegna', data }
    : { kind: 'RC', family: 'b2b', root: 'RicevutaConsegna', data: { ...data, Hash: file.hash } }
}

/**
 * MC: not delivered. For a PA, SdI keeps trying and attests the transmission after 10 days (AT); for B2B the invoice
 * is put in the recipient's reserved area on `at` and counts as issued.
 */
export function notDelivered(file: FileFacts, at: Date, messageId: string): SdiMessage {
  const received = { ...base(file), DataOraRicezione: time(file.receivedAt), MessageId: messageId }
  if (file.formato === 'FPA12') {
    const Descrizione = 'Impossibile recapitare la fattura: il sistema ritenterà per 10 giorni'
    return { kind: 'MC', family: 'pa', root: 'NotificaMancataConsegna', data: { ...received, Descrizione } }
  }
  return {
    kind: 'MC',
    family: 'b2b',
    root: 'RicevutaImpossibilitaRecapito',
    data: {
      ...received,
      Hash: file.hash,
      DataMessaADisposizione: isoDate(at),
      Descrizione: 'La fattura è a disposizione del destinatario nella sua area riservata',
    },
  }
}

/** NE: relays the public administration's outcome (EC01 accepted, EC02 refused) to the transmitter. */
export function outcomeNotice(file: FileFacts, esito: PaNotificaEsitoCommittente, messageId: string): SdiMessage {
  return {
    kind: 'NE',
    family: 'pa',
    root: 'NotificaEsito',
    data: { ...base(file), EsitoCommittente: esito, MessageId: messageId },
  }
}

/** DT: the 15 days for the administration's outcome passed without one. */
export function termsExpired(file: FileFacts, messageId: string): SdiMessage {
  return {
    kind: 'DT',
    family: 'pa',
    root: 'NotificaDecorrenzaTermini',
    data: { ...base(file), Descrizione: 'Decorsi i termini per la notifica di esito', MessageId: messageId },
  }
}

/** AT: delivery stayed impossible for 10 days; the supplier delivers the invoice by other means. */
export function transmissionAttested(file: FileFacts, messageId: string): SdiMessage {
  return {
    kind: 'AT',
    family: 'pa',
    root: 'AttestazioneTrasmissioneFattura',
    data: {
      ...base(file),
      DataOraRicezione: time(file.receivedAt),
      Destinatario: destinatario(file),
      MessageId: messageId,
      HashFileOriginale: file.hash,
    },
  }
}

/** MT: the metadata file that goes with an invoice delivered to its recipient (never signed). */
export function deliveryMetadata(file: FileFacts, attempt: number, messageId: string): SdiMessage {
  const data = {
    ...base(file),
    CodiceDestinatario: file.recipient.code,
    Formato: file.formato,
    TentativiInvio: attempt,
    MessageId: messageId,
  }
  return file.formato === 'FPA12'
    ? { kind: 'MT', family: 'pa', root: 'MetadatiInvioFile', data }
    : { kind: 'MT', family: 'b2b', root: 'FileMetadati', data: { ...data, Hash: file.hash } }
}
