import { serializeFattura, type FatturaElettronica } from '@varco/fatturapa'

// Examples for the OpenAPI document: one per operation. The invoice is made up (valid check digits, fictitious
// parties); the XML example is the same invoice, serialized.

const SELLER = '01234567897'
const BUYER = '09876543217'

/** A minimal FPR12 invoice in the JSON form POST /v1/invoices takes (the FatturaElettronica component). */
export const exampleInvoiceJson = {
  versione: 'FPR12',
  FatturaElettronicaHeader: {
    DatiTrasmissione: {
      IdTrasmittente: { IdPaese: 'IT', IdCodice: SELLER },
      ProgressivoInvio: '00001',
      FormatoTrasmissione: 'FPR12',
      CodiceDestinatario: 'ABC1234',
    },
    CedentePrestatore: {
      DatiAnagrafici: {
        IdFiscaleIVA: { IdPaese: 'IT', IdCodice: SELLER },
        Anagrafica: { Denominazione: 'Fornitore Esempio SRL' },
        RegimeFiscale: 'RF01',
      },
      Sede: { Indirizzo: 'Via Roma 1', CAP: '00100', Comune: 'Roma', Provincia: 'RM', Nazione: 'IT' },
    },
    CessionarioCommittente: {
      DatiAnagrafici: {
        IdFiscaleIVA: { IdPaese: 'IT', IdCodice: BUYER },
        Anagrafica: { Denominazione: 'Cliente Esempio SPA' },
      },
      Sede: { Indirizzo: 'Corso Magenta 2', CAP: '20123', Comune: 'Milano', Provincia: 'MI', Nazione: 'IT' },
    },
  },
  FatturaElettronicaBody: [
    {
      DatiGenerali: {
        DatiGeneraliDocumento: { TipoDocumento: 'TD01', Divisa: 'EUR', Data: '2026-12-01', Numero: 'FE-2026-1' },
      },
      DatiBeniServizi: {
        DettaglioLinee: [
          {
            NumeroLinea: 1,
            Descrizione: 'Consulenza',
            Quantita: '1.00',
            PrezzoUnitario: '100.00',
            PrezzoTotale: '100.00',
            AliquotaIVA: '22.00',
          },
        ],
        DatiRiepilogo: [{ AliquotaIVA: '22.00', ImponibileImporto: '100.00', Imposta: '22.00', EsigibilitaIVA: 'I' }],
      },
    },
  ],
} as const

/** The same invoice as FatturaPA XML. */
export const exampleInvoiceXml = serializeFattura(exampleInvoiceJson as unknown as FatturaElettronica)

const ID = '0193d0a8-8e4b-7a3c-9c1e-5b2f7d1e4a60'

const invoice = {
  id: ID,
  status: 'signed',
  transmitter: `IT${SELLER}`,
  recipientCode: 'ABC1234',
  documents: [{ type: 'TD01', number: 'FE-2026-1', date: '2026-12-01' }],
  deadline: { date: '2026-12-13', dueAt: '2026-12-13T23:00:00.000Z', secondsLeft: 1_000_000, overdue: false },
  sdiFileName: `IT${SELLER}_00001.xml`,
  sdiId: null,
  errors: [],
  failure: null,
  files: { original: `/v1/invoices/${ID}/files/original`, signed: `/v1/invoices/${ID}/files/signed` },
  sdiRejection: null,
  delivery: null,
  sdiOutcome: null,
  reservedAreaSince: null,
  resubmissionOf: null,
  resubmittedAs: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:02.000Z',
}

export const examples = {
  accepted: { id: ID, status: 'received', statusUrl: `/v1/invoices/${ID}` },
  resubmission: {
    id: '0193d0b2-1c4e-7f00-8a3b-2e9d5c7a1b22',
    status: 'received',
    statusUrl: '/v1/invoices/0193d0b2-1c4e-7f00-8a3b-2e9d5c7a1b22',
    resubmissionOf: ID,
  },
  validationReport: {
    valid: false,
    errors: [
      {
        code: '00400',
        path: 'FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[0].Natura',
        message: {
          it: '2.2.1.14 <Natura> non presente a fronte di 2.2.1.12 <AliquotaIVA> pari a zero',
          en: '2.2.1.14 <Natura> is missing while 2.2.1.12 <AliquotaIVA> is zero',
        },
      },
    ],
    transliterations: [],
  },
  invoice: {
    ...invoice,
    status: 'delivered',
    sdiId: '4242',
    deadline: { ...invoice.deadline, secondsLeft: null },
    delivery: { deliveredAt: '2026-12-01T10:05:00.000Z', recipientCode: 'ABC1234' },
    timeline: [
      { type: 'invoice.received', occurredAt: '2026-12-01T10:00:00.000Z', recordedAt: '2026-12-01T10:00:00.000Z' },
      { type: 'invoice.validated', occurredAt: '2026-12-01T10:00:01.000Z', recordedAt: '2026-12-01T10:00:01.000Z' },
      { type: 'invoice.signed', occurredAt: '2026-12-01T10:00:02.000Z', recordedAt: '2026-12-01T10:00:02.000Z' },
      { type: 'invoice.transmitted', occurredAt: '2026-12-01T10:00:03.000Z', recordedAt: '2026-12-01T10:00:03.000Z' },
      {
        type: 'invoice.notification',
        occurredAt: '2026-12-01T10:05:01.000Z',
        recordedAt: '2026-12-01T10:05:01.000Z',
        detail: {
          kind: 'RC',
          messageFileName: `IT${SELLER}_00001_RC_001.xml`,
          identificativoSdI: '4242',
          decision: 'transition',
          from: 'submitted',
          state: 'delivered',
          sequence: 1,
        },
      },
    ],
  },
  page: { items: [invoice], nextCursor: 'WyIyMDI2LTEyLTAxVDEwOjAwOjAwLjAwMDAwMFoiLCIwMTkzZDBhOCJd' },
  problem: {
    type: 'urn:varco:error:INGEST_ERR_NOT_FOUND',
    title: 'Invoice not found',
    status: 404,
    detail: 'No such invoice',
    instance: `/v1/invoices/${ID}`,
    code: 'INGEST_ERR_NOT_FOUND',
    requestId: 'req-1',
  },
  health: { status: 'ok', checks: { database: true, outboxRelay: true } },
}
