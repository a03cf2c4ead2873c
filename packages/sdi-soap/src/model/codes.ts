// The closed code lists of the SdICoop SOAP types (FACTS.md section 2; official TrasmissioneTypes and RicezioneTypes).
// Data, not strings scattered in handlers: each list carries its meaning for logs and READMEs.

/** `Errore` of rispostaSdIRiceviFile: why SdI refused a file at the door (it then has no IdentificativoSdI meaning). */
export const ERRORI_INVIO = {
  EI01: 'empty file',
  EI02: 'service unavailable',
  EI03: 'user not enabled',
} as const
export type ErroreInvio = keyof typeof ERRORI_INVIO

/** `Esito` of rispostaSdINotificaEsito: what SdI did with the recipient's outcome (EC). */
export const ESITI_NOTIFICA = {
  ES00: 'outcome not accepted (see ScartoEsito)',
  ES01: 'outcome accepted',
  ES02: 'service unavailable',
} as const
export type EsitoNotifica = keyof typeof ESITI_NOTIFICA

/** `Esito` of rispostaRiceviFatture: ER01, taken in charge, is the only value. */
export const ESITI_RICEZIONE = {
  ER01: 'taken in charge',
} as const
export type EsitoRicezione = keyof typeof ESITI_RICEZIONE

export function isErroreInvio(value: unknown): value is ErroreInvio {
  return typeof value === 'string' && Object.hasOwn(ERRORI_INVIO, value)
}

export function isEsitoNotifica(value: unknown): value is EsitoNotifica {
  return typeof value === 'string' && Object.hasOwn(ESITI_NOTIFICA, value)
}

export function isEsitoRicezione(value: unknown): value is EsitoRicezione {
  return typeof value === 'string' && Object.hasOwn(ESITI_RICEZIONE, value)
}
