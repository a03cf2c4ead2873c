import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { invoiceSigned, invoiceValidated } from '@varco/contracts'
import { eventMessage } from '@varco/db'
import { createKafkaClient, createPublisher, type Publisher } from '@varco/kafka'
import { createLogger } from '@varco/observability'
import { startNodeProcess, type NodeProcess } from '@varco/testing'
import { inject } from 'vitest'
import { startReceipts, type ReceiptsHarness } from './receipts-service.ts'

/*
 * The whole SdI channel as processes: the receipts service (TrasmissioneFatture), the SdI simulator that calls it,
 * and the transmission service that sends it the files. The test stands in for validation and signing.
 */

const logger = createLogger({ name: 'test', level: 'silent' })
const simulatorMain = resolve(import.meta.dirname, '../../../sdi-simulator/src/server.ts')
const transmissionMain = resolve(import.meta.dirname, '../../../transmission/src/server.ts')

export interface SdiChannel {
  readonly receipts: ReceiptsHarness
  put(path: string, body: unknown): Promise<void>
  /** What validation and signing would publish for a file to transmit; returns its invoice id. */
  submit(file: Buffer, fileName: string, formato: 'FPA12' | 'FPR12'): Promise<string>
  stop(): Promise<void>
}

export async function startSdiChannel(): Promise<SdiChannel> {
  const receipts = await startReceipts()
  const { pki, db } = receipts
  const { tls, signing } = pki
  const simulator: NodeProcess = startNodeProcess(simulatorMain, {
    DATABASE_URL: db.url,
    SIMULATOR_PORT: '0',
    SIMULATOR_CONTROL_PORT: '0',
    SIMULATOR_SERVER_CERT_FILE: pki.file('sdi-server.pem', tls.server.cert),
    SIMULATOR_SERVER_KEY_FILE: pki.file('sdi-server.key', tls.server.key),
    SIMULATOR_CLIENT_CA_FILE: pki.file('tls-ca.pem', tls.ca.cert),
    SIMULATOR_CLIENT_CERT_FILE: pki.file('sdi-client.pem', tls.client.cert),
    SIMULATOR_CLIENT_KEY_FILE: pki.file('sdi-client.key', tls.client.key),
    SIMULATOR_PEER_CA_FILE: pki.file('tls-ca.pem', tls.ca.cert),
    SIMULATOR_SIGNER_CERT_FILE: signing.signer.certFile,
    SIMULATOR_SIGNER_KEY_FILE: signing.signer.keyFile,
    SIMULATOR_TRUST_FILES: signing.ca.certFile,
    SIMULATOR_TRANSMITTER_URL: `${receipts.baseUrl}/TrasmissioneFatture`,
    SIMULATOR_TIME_SCALE: '86400',
    SIMULATOR_DISPATCH_INTERVAL_MS: '50',
  })
  const started = JSON.parse(await simulator.waitForLine((line) => line.includes('sdi simulator started'))) as {
    port: number
    controlPort: number
  }
  const control = `http://127.0.0.1:${started.controlPort}/control`
  const transmission = startNodeProcess(transmissionMain, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: inject('kafkaBrokers'),
    DOCUMENT_KEYS: receipts.keys,
    DOCUMENT_ACTIVE_KEY: 'k1',
    TOPIC_PREFIX: receipts.prefix,
    TRANSMISSION_GROUP_ID: 'transmission-under-test',
    SDI_RICEVI_FILE_URL: `https://localhost:${started.port}/SdIRiceviFile`,
    SDI_RICEVI_NOTIFICA_URL: `https://localhost:${started.port}/SdIRiceviNotifica`,
    SDI_CLIENT_CERT_FILE: pki.file('gw-client.pem', tls.client.cert),
    SDI_CLIENT_KEY_FILE: pki.file('gw-client.key', tls.client.key),
    SDI_SERVER_CA_FILE: pki.file('tls-ca.pem', tls.ca.cert),
    POLL_INTERVAL_MS: '50',
    OTEL_SDK_DISABLED: 'true',
  })
  await transmission.waitForLine((line) => line.includes('"msg":"transmission service started"'))
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'channel-test', logger })
  const publisher: Publisher = createPublisher(kafka)
  await publisher.connect()

  return {
    receipts,
    put: async (path, body) => {
      const response = await fetch(`${control}${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`)
    },
    submit: async (file, fileName, formato) => {
      const signed = fileName.endsWith('.p7m')
      const document = await receipts.documents.put(file, signed ? 'application/pkcs7-mime' : 'application/xml')
      const ids = { source: 'test', tenantId: 'tenant-m', invoiceId: randomUUID(), correlationId: randomUUID() }
      const party = { country: 'IT', vatNumber: '01234567890', name: 'Alpha' }
      const events = [
        invoiceValidated.create({
          ...ids,
          data: {
            document,
            content: document,
            formato,
            transmitter: { country: 'IT', id: fileName.slice(2, fileName.indexOf('_')) },
            seller: party,
            buyer: party,
            codiceDestinatario: formato === 'FPA12' ? 'AAAAAA' : '0000000',
            documents: [{ tipoDocumento: 'TD01', numero: '1', data: '2026-01-01' }],
          },
        }),
        invoiceSigned.create({
          ...ids,
          data: {
            document,
            signed: document,
            fileName,
            format: signed ? 'cades' : 'none',
            transmitter: { country: 'IT', id: fileName.slice(2, fileName.indexOf('_')) },
            transmitBy: '2099-12-31',
          },
        }),
      ]
      await publisher.publish(events.map((event) => eventMessage(event, receipts.prefix)))
      return ids.invoiceId
    },
    stop: async () => {
      await transmission.kill()
      await simulator.kill()
      await publisher.disconnect()
      await receipts.stop()
    },
  }
}
