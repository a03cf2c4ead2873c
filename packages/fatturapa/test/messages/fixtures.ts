import type { SdiMessage } from '../../src/index.ts'
import { PLACEHOLDER_SIGNATURE } from './helpers.ts'

/* Builders of B2B messages (no official sample exists): every element of each root, with a placeholder signature. */

type Of<K extends SdiMessage['kind'], F extends SdiMessage['family']> = Extract<SdiMessage, { kind: K; family: F }>

const signature = { xml: PLACEHOLDER_SIGNATURE }
const common = {
  versione: '1.0',
  IdentificativoSdI: 'a1b2c3d4-0000-4000-8000-000000000001',
  NomeFile: 'IT01234567890_00001.xml',
  Hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  DataOraRicezione: '2026-09-07T10:00:00.000+02:00',
} as const

export function aB2bRicevutaScarto(data: Partial<Of<'NS', 'b2b'>['data']> = {}): Of<'NS', 'b2b'> {
  return {
    kind: 'NS',
    family: 'b2b',
    root: 'RicevutaScarto',
    data: {
      ...common,
      RiferimentoArchivio: { IdentificativoSdI: 'zip-1', NomeFile: 'IT01234567890_00001.zip' },
      ListaErrori: {
        Errore: [
          {
            Codice: '00423',
            Descrizione: 'PrezzoTotale non calcolato',
            Suggerimento: 'Verificare Quantita x PrezzoUnitario',
          },
          { Codice: '00200', Descrizione: 'File non conforme al formato', Suggerimento: '' },
          { Codice: '00404', Descrizione: 'Fattura duplicata', Suggerimento: 'Usare un numero nuovo & unico <sempre>' },
        ],
      },
      MessageId: 'msg-00000000000000000000000000000001',
      PecMessageId: '<pec@example.invalid>',
      Note: 'Prova',
      Signature: signature,
      ...data,
    },
  }
}

export function aB2bRicevutaConsegna(data: Partial<Of<'RC', 'b2b'>['data']> = {}): Of<'RC', 'b2b'> {
  return {
    kind: 'RC',
    family: 'b2b',
    root: 'RicevutaConsegna',
    data: {
      ...common,
      FlussoSemplificato: 'Si',
      DataOraConsegna: '2026-09-07T10:05:00.000+02:00',
      Destinatario: { Codice: 'ABC1234', Descrizione: 'Canale di prova' },
      MessageId: '987654',
      Signature: signature,
      ...data,
    },
  }
}

export function aB2bRicevutaImpossibilitaRecapito(data: Partial<Of<'MC', 'b2b'>['data']> = {}): Of<'MC', 'b2b'> {
  return {
    kind: 'MC',
    family: 'b2b',
    root: 'RicevutaImpossibilitaRecapito',
    data: {
      ...common,
      DataMessaADisposizione: '2026-09-08',
      Descrizione: 'Canale non raggiungibile',
      MessageId: '987655',
      Note: 'Fattura a disposizione nell\u2019area riservata',
      Signature: signature,
      ...data,
    },
  }
}

export function aB2bFileMetadati(data: Partial<Of<'MT', 'b2b'>['data']> = {}): Of<'MT', 'b2b'> {
  return {
    kind: 'MT',
    family: 'b2b',
    root: 'FileMetadati',
    data: {
      versione: '1.0',
      IdentificativoSdI: common.IdentificativoSdI,
      NomeFile: common.NomeFile,
      Hash: common.Hash,
      CodiceDestinatario: '0000000',
      Formato: 'FPR12',
      TentativiInvio: 1,
      MessageId: '987656',
      ...data,
    },
  }
}

/** One of each B2B root. */
export const B2B_MESSAGES: readonly SdiMessage[] = [
  aB2bRicevutaScarto(),
  aB2bRicevutaConsegna(),
  aB2bRicevutaImpossibilitaRecapito(),
  aB2bFileMetadati(),
]
