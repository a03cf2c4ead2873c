import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createXsdValidator, parseSdiMessage, type FatturaXsdValidator, type SdiMessage } from '@varco/fatturapa'
import { loadPemIdentity, type Signer } from '@varco/signature'
import { createTestPki, sdiDir, xmlsecVerify, type TestPki } from '@varco/testing'
import { messageFile } from '../src/domain/message-file.ts'
import {
  deliveryMetadata,
  deliveryReceipt,
  notDelivered,
  outcomeNotice,
  rejection,
  termsExpired,
  transmissionAttested,
  type FileFacts,
} from '../src/domain/messages.ts'

let pki: TestPki
let signer: Signer
let paXsd: FatturaXsdValidator
let b2bXsd: FatturaXsdValidator
beforeAll(() => {
  pki = createTestPki()
  signer = loadPemIdentity({ key: pki.signer.keyPem, certificates: pki.signer.certPem })
  const dir = resolve(sdiDir, 'xsd')
  paXsd = createXsdValidator(dir, { schemaFile: 'MessaggiTypes_v1.1.xsd' })
  b2bXsd = createXsdValidator(dir, { schemaFile: 'MessaggiFatturaTypes_v1.0.xsd' })
})
afterAll(() => {
  pki.cleanup()
  paXsd[Symbol.dispose]()
  b2bXsd[Symbol.dispose]()
})

const facts = (formato: 'FPA12' | 'FPR12'): FileFacts => ({
  identificativoSdI: '4711',
  nomeFile: 'IT12345678903_00001.xml.p7m',
  receivedAt: new Date('2026-12-01T09:00:00Z'),
  hash: 'ab'.repeat(32),
  formato,
  recipient: { code: formato === 'FPA12' ? 'UFY9MH' : 'ABC1234', name: 'Ufficio di prova' },
})
const errors = [
  { code: '00200', path: 'FatturaElettronicaBody[0].DatiGenerali', message: { it: 'File non conforme', en: 'x' } },
  { code: '00423', path: '', message: { it: 'PrezzoTotale non calcolato '.repeat(20), en: 'x' } },
] as const
const esito = { versione: '1.0', IdentificativoSdI: '4711', Esito: 'EC01', MessageIdCommittente: '1' } as const
const at = new Date('2026-12-01T10:00:00Z')

const messages: Array<[string, SdiMessage]> = [
  ['PA NS', rejection(facts('FPA12'), errors, '1')],
  ['PA RC', deliveryReceipt(facts('FPA12'), at, '2')],
  ['PA MC', notDelivered(facts('FPA12'), at, '3')],
  ['PA NE', outcomeNotice(facts('FPA12'), esito, '4')],
  ['PA DT', termsExpired(facts('FPA12'), '5')],
  ['PA AT', transmissionAttested(facts('FPA12'), '6')],
  ['PA MT', deliveryMetadata(facts('FPA12'), 1, '7')],
  ['B2B NS', rejection(facts('FPR12'), errors, '8')],
  ['B2B RC', deliveryReceipt(facts('FPR12'), at, '9')],
  ['B2B MC', notDelivered(facts('FPR12'), at, '10')],
  ['B2B MT', deliveryMetadata(facts('FPR12'), 2, '11')],
]

describe('the messages the simulator sends', () => {
  it.each(messages)('%s is valid for the official XSD and verified by xmlsec1 when signed', async (_, message) => {
    const file = await messageFile(message, signer)
    const xsd = message.family === 'pa' ? paXsd : b2bXsd
    expect(xsd.validate(file).problems).toEqual([])
    const parsed = parseSdiMessage(file)
    expect(parsed.ok && parsed.message.kind).toBe(message.kind)
    if (message.kind === 'MT') {
      expect(file.includes('Signature')).toBe(false)
    } else {
      expect(xmlsecVerify(pki.dir, file, pki.ca.certFile)).toMatchObject({ ok: true })
    }
  })

  it('lists every error of an NS, cutting PA descriptions to the 255 characters MessaggiTypes allows', () => {
    const message = rejection(facts('FPA12'), errors, '1')
    expect(message.kind === 'NS' && message.family === 'pa' && message.data.ListaErrori.Errore).toEqual([
      { Codice: '00200', Descrizione: 'File non conforme' },
      { Codice: '00423', Descrizione: errors[1].message.it.slice(0, 255) },
    ])
  })

  it('tells B2B senders where each error is', () => {
    const message = rejection(facts('FPR12'), errors, '1')
    expect(message.kind === 'NS' && message.family === 'b2b' && message.data.ListaErrori.Errore[0]).toEqual({
      Codice: '00200',
      Descrizione: 'File non conforme',
      Suggerimento: 'Elemento: FatturaElettronicaBody[0].DatiGenerali',
    })
  })
})
