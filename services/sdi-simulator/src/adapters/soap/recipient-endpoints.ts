import { createRicezioneFattureClient, type RicezioneFattureClient, type SdiClientOptions } from '@varco/sdi-soap'
import type { RecipientEndpoints } from '../../ports/recipient-endpoint.ts'

/** Recipients' RicezioneFatture over SOAP, one client per endpoint, all with SdI's client certificate. */
export function soapRecipientEndpoints(
  options: Omit<SdiClientOptions, 'endpoint'>,
): RecipientEndpoints & { close(): void } {
  const clients = new Map<string, Promise<RicezioneFattureClient>>()
  const clientFor = (endpoint: string) => {
    let client = clients.get(endpoint)
    if (client === undefined) {
      client = createRicezioneFattureClient({ ...options, endpoint })
      clients.set(endpoint, client)
      client.catch(() => clients.delete(endpoint))
    }
    return client
  }
  return {
    deliver: async (endpoint, delivery) => {
      const client = await clientFor(endpoint)
      const answer = await client.riceviFatture({
        IdentificativoSdI: delivery.identificativoSdI,
        NomeFile: delivery.fileName,
        File: delivery.file,
        NomeFileMetadati: delivery.metadataFileName,
        Metadati: delivery.metadata,
      })
      if (answer.Esito !== 'ER01') throw new Error(`the recipient answered ${String(answer.Esito)}`)
    },
    notifyTermsExpired: async (endpoint, notice) => {
      const client = await clientFor(endpoint)
      await client.notificaDecorrenzaTermini({
        IdentificativoSdI: notice.identificativoSdI,
        NomeFile: notice.fileName,
        File: notice.file,
      })
    },
    close: () => {
      for (const client of clients.values()) void client.then((c) => c.close()).catch(() => undefined)
    },
  }
}
