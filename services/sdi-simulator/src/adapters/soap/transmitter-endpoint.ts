import { assertNever } from '@varco/errors'
import type { TrasmissioneFattureClient } from '@varco/sdi-soap'
import type { TransmitterEndpoint, TransmitterNotice } from '../../ports/transmitter-endpoint.ts'

/** The transmitter's TrasmissioneFatture service over SOAP: one operation per kind of message. */
export function soapTransmitterEndpoint(client: TrasmissioneFattureClient): TransmitterEndpoint {
  return {
    notify: async (notice: TransmitterNotice) => {
      const request = { IdentificativoSdI: notice.identificativoSdI, NomeFile: notice.fileName, File: notice.file }
      switch (notice.kind) {
        case 'RC':
          return void (await client.ricevutaConsegna(request))
        case 'NS':
          return void (await client.notificaScarto(request))
        case 'MC':
          return void (await client.notificaMancataConsegna(request))
        case 'NE':
          return void (await client.notificaEsito(request))
        case 'DT':
          return void (await client.notificaDecorrenzaTermini(request))
        case 'AT':
          return void (await client.attestazioneTrasmissioneFattura(request))
        default:
          return assertNever(notice.kind, 'message kind')
      }
    },
  }
}
