// Examples for the OpenAPI document of the incoming invoices' routes (made-up parties, valid check digits).

const ID = '0193d1c4-2a7e-7b10-9f3a-6c1d2e3f4a5b'
const file = `/v1/incoming-invoices/${ID}/file?part=`

const incoming = {
  id: ID,
  identificativoSdI: '111222333',
  fileName: 'IT01234567897_00A1B.xml.p7m',
  formato: 'FPA12',
  codiceDestinatario: 'UFY9MH',
  seller: { country: 'IT', vatNumber: '01234567897', name: 'Fornitore Esempio SRL' },
  buyer: { country: 'IT', codiceFiscale: '80012345678', name: 'Comune di Esempio' },
  documents: [{ tipoDocumento: 'TD01', numero: 'FE-2026-77', data: '2026-12-01', importoTotale: '122.00' }],
  signature: {
    format: 'cades',
    signer: {
      subject: 'CN=Mario Rossi,SERIALNUMBER=TINIT-RSSMRA80A01H501U,C=IT',
      issuer: 'CN=Example Qualified CA,O=Example,C=IT',
      serial: '1a2b3c',
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2028-01-01T00:00:00.000Z',
    },
  },
  receivedAt: '2026-12-02T09:00:00.000Z',
  heldSince: null,
  outcomeBy: '2026-12-17',
  outcomeState: 'outcome_refused',
  outcome: {
    esito: 'EC01',
    requestedAt: '2026-12-03T10:00:00.000Z',
    result: 'ES00',
    ecFileName: 'IT01234567897_00A1B_EC_001.xml',
    scarto: {
      code: 'EN00',
      description: 'Notifica non conforme al formato',
      messageFileName: 'IT01234567897_00A1B_SE_001.xml',
    },
    answeredAt: '2026-12-03T10:00:05.000Z',
  },
  files: { original: `${file}original`, xml: `${file}xml`, metadata: `${file}metadata` },
}

export const incomingExamples = {
  incoming: {
    ...incoming,
    history: [
      { type: 'invoice.outcome_requested', occurredAt: '2026-12-03T10:00:00.000Z', detail: { esito: 'EC01' } },
      {
        type: 'invoice.outcome_sent',
        occurredAt: '2026-12-03T10:00:05.000Z',
        detail: { esito: 'EC01', result: 'ES00', attempts: 1, scarto: { code: 'EN00' } },
      },
    ],
  },
  page: { items: [incoming], nextCursor: null },
  outcome: { esito: 'EC02', description: 'Importo non corrispondente all’ordine' },
  outcomeAccepted: { id: ID, outcomeState: 'outcome_requested', statusUrl: `/v1/incoming-invoices/${ID}` },
  metadataXml:
    '<?xml version="1.0" encoding="UTF-8"?><ns2:FileMetadati xmlns:ns2="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0" versione="1.0">…</ns2:FileMetadati>',
}
