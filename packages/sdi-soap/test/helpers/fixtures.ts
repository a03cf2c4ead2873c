import type { FileSdI, SdiServerOptions, SoapRequestContext } from '../../src/index.ts'
import { sample } from './official.ts'

const message = (type: string): FileSdI => ({
  IdentificativoSdI: '4242',
  NomeFile: `IT01234567890_11111_${type}_001.xml`,
  File: sample(`messages/IT01234567890_11111_${type}_001.xml`),
})

/** A realistic request for every operation: official sample files as contents. */
export const requests = {
  riceviFile: { NomeFile: 'IT01234567890_FPA01.xml', File: sample('invoices/IT01234567890_FPA01.xml') },
  notificaEsitoSdI: message('EC'),
  trasmissione: {
    ricevutaConsegna: message('RC'),
    notificaMancataConsegna: message('MC'),
    notificaScarto: message('NS'),
    notificaEsito: message('NE'),
    notificaDecorrenzaTermini: message('DT'),
    attestazioneTrasmissioneFattura: message('AT'),
  },
  riceviFatture: {
    IdentificativoSdI: '4242',
    NomeFile: 'IT01234567890_FPR01.xml',
    File: sample('invoices/IT01234567890_FPR01.xml'),
    NomeFileMetadati: 'IT01234567890_FPR01_MT_001.xml',
    Metadati: sample('messages/IT01234567890_11111_MT_001.xml'),
  },
  decorrenzaTermini: message('DT'),
} as const

export const responses = {
  riceviFile: { IdentificativoSdI: '987654321012', DataOraRicezione: '2025-04-01T10:15:30.000+02:00' },
  notificaEsito: {
    Esito: 'ES00',
    ScartoEsito: {
      NomeFile: 'IT01234567890_11111_SE_001.xml',
      File: sample('messages/IT01234567890_11111_SE_001.xml'),
    },
  },
  riceviFatture: { Esito: 'ER01' },
} as const

export interface Received {
  readonly method: string
  readonly request: unknown
  readonly context: SoapRequestContext
}

/** All four services, recording what arrives and answering with `responses`. */
export function recordingServices(received: Received[]): SdiServerOptions {
  const record =
    <R>(method: string, response: R) =>
    (request: unknown, context: SoapRequestContext): Promise<R> => {
      received.push({ method, request, context })
      return Promise.resolve(response)
    }
  return {
    sdiRiceviFile: { handlers: { riceviFile: record('riceviFile', responses.riceviFile) } },
    sdiRiceviNotifica: { handlers: { notificaEsito: record('notificaEsitoSdI', responses.notificaEsito) } },
    trasmissioneFatture: {
      handlers: {
        ricevutaConsegna: record('ricevutaConsegna', undefined),
        notificaMancataConsegna: record('notificaMancataConsegna', undefined),
        notificaScarto: record('notificaScarto', undefined),
        notificaEsito: record('notificaEsito', undefined),
        notificaDecorrenzaTermini: record('notificaDecorrenzaTermini', undefined),
        attestazioneTrasmissioneFattura: record('attestazioneTrasmissioneFattura', undefined),
      },
    },
    ricezioneFatture: {
      handlers: {
        riceviFatture: record('riceviFatture', responses.riceviFatture),
        notificaDecorrenzaTermini: record('decorrenzaTermini', undefined),
      },
    },
  }
}
