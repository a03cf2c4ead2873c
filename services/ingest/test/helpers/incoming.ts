import { randomUUID } from 'node:crypto'
import {
  invoiceIncoming,
  invoiceIncomingTermsExpired,
  invoiceOutcomeSent,
  type InvoiceIncoming,
  type InvoiceOutcomeSent,
} from '@varco/contracts'
import type { DocumentStore } from '@varco/documents'
import { validNumbers } from '@varco/testing'

const ref = { sha256: 'd'.repeat(64), size: 10, mediaType: 'application/xml' }

/** The bytes the receipts service would have stored for a delivered file, and the invoice.incoming about it. */
export async function anIncoming(
  documents: DocumentStore,
  tenantId: string,
  overrides: Partial<InvoiceIncoming['data']> = {},
): Promise<{ event: InvoiceIncoming; bytes: { file: Buffer; content: Buffer; metadata: Buffer } }> {
  const id = randomUUID()
  const formato = overrides.formato ?? 'FPA12'
  const stem = `IT${validNumbers.seller}_${id.slice(0, 5).replace(/[^A-Za-z0-9]/g, 'A')}`
  const bytes = {
    file: Buffer.concat([Buffer.from([0x30, 0x82]), Buffer.from(`p7m of ${id}`)]),
    content: Buffer.from(`<FatturaElettronica versione="${formato}"><!-- ${id} --></FatturaElettronica>`),
    metadata: Buffer.from(`<FileMetadati><!-- ${id} --></FileMetadati>`),
  }
  const file = await documents.put(bytes.file, 'application/pkcs7-mime')
  const content = await documents.put(bytes.content, 'application/xml')
  const metadata = await documents.put(bytes.metadata, 'application/xml')
  const event = invoiceIncoming.create({
    source: 'receipts',
    tenantId,
    invoiceId: id,
    correlationId: id,
    data: {
      identificativoSdI: String(Math.floor(Math.random() * 1e9)),
      fileName: `${stem}.xml.p7m`,
      formato,
      file,
      content,
      metadata,
      metadataFileName: `${stem}_MT_001.xml`,
      signature: {
        format: 'cades',
        signer: {
          subject: 'CN=Mario Rossi',
          issuer: 'CN=Test CA',
          serial: '0a1b',
          notBefore: '2025-01-01T00:00:00.000Z',
          notAfter: '2030-01-01T00:00:00.000Z',
        },
      },
      codiceDestinatario: formato === 'FPA12' ? 'UFY9MH' : 'ABC1234',
      seller: { country: 'IT', vatNumber: validNumbers.seller, name: 'Fornitore SRL' },
      buyer: { country: 'IT', codiceFiscale: '80012345678', name: 'Comune di Esempio' },
      documents: [{ tipoDocumento: 'TD01', numero: 'FE-77', data: '2026-12-01', importoTotale: '122.00' }],
      receivedAt: new Date().toISOString(),
      ...(formato === 'FPA12' ? { outcomeBy: '2026-12-17' } : {}),
      ...overrides,
    },
  })
  return { event, bytes }
}

/** What the transmission service reports after sending an EC. */
export function outcomeSent(
  incoming: InvoiceIncoming,
  result: InvoiceOutcomeSent['data']['result'],
  extra: Partial<InvoiceOutcomeSent['data']> = {},
): InvoiceOutcomeSent {
  const ecFileName = incoming.data.fileName.replace(/\.xml(\.p7m)?$/, '_EC_001.xml')
  return invoiceOutcomeSent.create({
    source: 'transmission',
    tenantId: incoming.tenantId,
    invoiceId: incoming.invoiceId,
    correlationId: incoming.correlationId,
    data: {
      identificativoSdI: incoming.data.identificativoSdI,
      esito: 'EC01',
      ecFileName,
      ec: ref,
      result,
      attempts: 1,
      ...extra,
    },
  })
}

/** SdI's DT to the recipient. */
export function termsExpired(incoming: InvoiceIncoming) {
  return invoiceIncomingTermsExpired.create({
    source: 'receipts',
    tenantId: incoming.tenantId,
    invoiceId: incoming.invoiceId,
    correlationId: incoming.correlationId,
    data: {
      identificativoSdI: incoming.data.identificativoSdI,
      messageFileName: incoming.data.fileName.replace(/\.xml(\.p7m)?$/, '_DT_001.xml'),
      message: ref,
      receivedAt: new Date().toISOString(),
    },
  })
}

/** An SE of SdI refusing an EC. */
export const scarto = (code: 'EN00' | 'EN01') => ({
  code,
  description: code === 'EN01' ? 'Notifica non ammissibile' : 'Notifica non conforme',
  messageFileName: 'IT01234567890_00001_SE_001.xml',
  message: ref,
})
