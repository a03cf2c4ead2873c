import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoiceOutcomeRequested } from '@varco/contracts'
import { parseSdiMessage, serializeSdiMessage, type SdiMessage } from '@varco/fatturapa'
import { loadPemIdentity, signCades } from '@varco/signature'
import { validNumbers, validSampleInvoice, xmlsecVerify } from '@varco/testing'
import { startChannel, type Channel } from './helpers/channel.ts'

/*
 * The simulator's passive cycle: an invoice for a recipient with a RicezioneFatture endpoint is delivered there
 * with its MT; the transmitter gets the RC; the public administration's outcome (EC) sent through SdIRiceviNotifica
 * is taken (ES01) and relayed as an NE, or refused with an SE (EN01) when it comes after the 15 days. A recipient
 * that stays down gets four attempts, then the transmitter an MC and, after 10 days, an AT.
 */

const PA_OFFICE = 'UFY9MH'
let channel: Channel
beforeAll(async () => {
  channel = await startChannel()
  await channel.put('/recipients', { code: PA_OFFICE, name: 'Ufficio di prova', endpoint: channel.ricezioneUrl })
})
afterAll(async () => {
  await channel?.stop()
})

let progressive = 500
async function submitToOffice(): Promise<string> {
  const n = ++progressive
  const xml = validSampleInvoice('IT01234567890_FPA01.xml')
    .replace('<CodiceDestinatario>AAAAAA</CodiceDestinatario>', `<CodiceDestinatario>${PA_OFFICE}</CodiceDestinatario>`)
    .replace(/<Numero>[^<]*<\/Numero>/, `<Numero>P-${n}</Numero>`)
  const { signer } = channel.files.signing
  const p7m = await signCades(Buffer.from(xml), loadPemIdentity({ key: signer.keyPem, certificates: signer.certPem }))
  const fileName = `IT${validNumbers.transmitter}_${n.toString(36).toUpperCase().padStart(5, '0')}.xml.p7m`
  await channel.sign(p7m, fileName)
  return fileName
}

const stemOf = (fileName: string) => fileName.slice(0, fileName.indexOf('.'))
const kindsAbout = (fileName: string) =>
  channel.notices.filter((n) => n.NomeFile.startsWith(`${stemOf(fileName)}_`)).map((n) => n.kind)
const deliveryOf = (fileName: string) => channel.deliveries.find((d) => d.NomeFile === fileName)

function ec(identificativoSdI: string, esito: 'EC01' | 'EC02'): Buffer {
  const message: SdiMessage = {
    kind: 'EC',
    family: 'pa',
    root: 'NotificaEsitoCommittente',
    data: { versione: '1.0', IdentificativoSdI: identificativoSdI, Esito: esito, MessageIdCommittente: '77' },
  }
  return Buffer.from(serializeSdiMessage(message))
}

describe('the passive cycle through the simulator', () => {
  it('delivers an invoice with its MT, then relays the office’s EC01 as an NE', async () => {
    const fileName = await submitToOffice()
    await expect.poll(() => deliveryOf(fileName) !== undefined, { timeout: 30_000 }).toBe(true)
    const delivery = deliveryOf(fileName)!
    const metadata = parseSdiMessage(delivery.Metadati)
    expect(metadata.ok && metadata.message).toMatchObject({ kind: 'MT', data: { CodiceDestinatario: PA_OFFICE } })
    await expect.poll(() => kindsAbout(fileName), { timeout: 30_000 }).toEqual(['RC'])
    const answer = await channel.notificaEsito(
      delivery.IdentificativoSdI,
      `${stemOf(fileName)}_EC_001.xml`,
      ec(delivery.IdentificativoSdI, 'EC01'),
    )
    expect(answer).toEqual({ Esito: 'ES01' })
    await expect.poll(() => kindsAbout(fileName), { timeout: 30_000 }).toEqual(['RC', 'NE'])
    const ne = channel.notices.find((n) => n.kind === 'NE' && n.NomeFile.startsWith(stemOf(fileName)))!
    const parsed = parseSdiMessage(ne.File)
    expect(
      parsed.ok &&
        parsed.message.kind === 'NE' &&
        parsed.message.family === 'pa' &&
        parsed.message.data.EsitoCommittente,
    ).toMatchObject({ Esito: 'EC01', MessageIdCommittente: '77' })
    expect(xmlsecVerify(channel.files.dir, ne.File, channel.files.signing.ca.certFile)).toMatchObject({ ok: true })
  })

  it('refuses a second outcome on the same invoice with an SE (EN01)', async () => {
    const fileName = await submitToOffice()
    await expect.poll(() => deliveryOf(fileName) !== undefined, { timeout: 30_000 }).toBe(true)
    const id = deliveryOf(fileName)!.IdentificativoSdI
    expect(await channel.notificaEsito(id, `${stemOf(fileName)}_EC_001.xml`, ec(id, 'EC02'))).toEqual({ Esito: 'ES01' })
    const again = await channel.notificaEsito(id, `${stemOf(fileName)}_EC_002.xml`, ec(id, 'EC01'))
    expect(again.Esito).toBe('ES00')
    const se = parseSdiMessage(again.ScartoEsito!.File)
    expect(se.ok && se.message).toMatchObject({ kind: 'SE', data: { Scarto: 'EN01', IdentificativoSdI: id } })
    expect(xmlsecVerify(channel.files.dir, again.ScartoEsito!.File, channel.files.signing.ca.certFile)).toMatchObject({
      ok: true,
    })
  })

  it('refuses what is not an EC with an SE (EN00)', async () => {
    const answer = await channel.notificaEsito('1', 'IT01234567890_00001_EC_001.xml', Buffer.from('<nonsense/>'))
    const se = answer.ScartoEsito && parseSdiMessage(answer.ScartoEsito.File)
    expect(se?.ok && se.message).toMatchObject({ kind: 'SE', data: { Scarto: 'EN00' } })
  })

  it('sends the DT to both sides when the office gives no outcome in 15 days', async () => {
    const fileName = await submitToOffice()
    await expect.poll(() => deliveryOf(fileName) !== undefined, { timeout: 30_000 }).toBe(true)
    const id = deliveryOf(fileName)!.IdentificativoSdI
    await expect.poll(() => [...kindsAbout(fileName)].sort(), { timeout: 60_000 }).toEqual(['DT', 'DT-recipient', 'RC'])
    const toRecipient = channel.notices.find((n) => n.kind === 'DT-recipient' && n.IdentificativoSdI === id)!
    const parsed = parseSdiMessage(toRecipient.File)
    expect(parsed.ok && parsed.message).toMatchObject({ kind: 'DT', data: { IdentificativoSdI: id } })
    expect(xmlsecVerify(channel.files.dir, toRecipient.File, channel.files.signing.ca.certFile)).toMatchObject({
      ok: true,
    })
  })

  it('tries a recipient that is down four times, then tells the transmitter MC and, 10 days on, AT', async () => {
    channel.recipientDown = true
    const fileName = await submitToOffice()
    await expect.poll(() => kindsAbout(fileName), { timeout: 60_000 }).toEqual(['MC', 'AT'])
    expect(deliveryOf(fileName)).toBeUndefined()
    channel.recipientDown = false
  })
})

describe('the clients’ outcomes, sent by the transmission service through SdIRiceviNotifica', () => {
  function requestOutcome(fileName: string, identificativoSdI: string, esito: 'EC01' | 'EC02') {
    const event = invoiceOutcomeRequested.create({
      source: 'ingest',
      tenantId: 'tenant-1',
      invoiceId: randomUUID(),
      correlationId: randomUUID(),
      data: { identificativoSdI, invoiceFileName: fileName, esito, description: 'Verificata' },
    })
    return channel.publish(event).then(() => event)
  }
  const answerTo = (invoiceId: string) => channel.answers.filter((a) => a.invoiceId === invoiceId)

  it('sends EC01: SdI answers ES01 and relays it to the transmitter as an NE', async () => {
    const fileName = await submitToOffice()
    await expect.poll(() => deliveryOf(fileName) !== undefined, { timeout: 30_000 }).toBe(true)
    const id = deliveryOf(fileName)!.IdentificativoSdI
    const request = await requestOutcome(fileName, id, 'EC01')
    await expect.poll(() => answerTo(request.invoiceId).length, { timeout: 30_000 }).toBe(1)
    expect(answerTo(request.invoiceId)[0]).toMatchObject({
      causationId: request.id,
      data: { result: 'ES01', esito: 'EC01', ecFileName: `${stemOf(fileName)}_EC_001.xml`, attempts: 1 },
    })
    await expect.poll(() => kindsAbout(fileName), { timeout: 30_000 }).toEqual(['RC', 'NE'])
  })

  it('reports ES00 with the SE’s EN01 for a second outcome on the same file, and numbers its EC 002', async () => {
    const fileName = await submitToOffice()
    await expect.poll(() => deliveryOf(fileName) !== undefined, { timeout: 30_000 }).toBe(true)
    const id = deliveryOf(fileName)!.IdentificativoSdI
    const invoiceId = randomUUID()
    const send = async (esito: 'EC01' | 'EC02') => {
      const event = invoiceOutcomeRequested.create({
        source: 'ingest',
        tenantId: 'tenant-1',
        invoiceId,
        correlationId: randomUUID(),
        data: { identificativoSdI: id, invoiceFileName: fileName, esito },
      })
      await channel.publish(event)
    }
    await send('EC02')
    await expect.poll(() => answerTo(invoiceId).length, { timeout: 30_000 }).toBe(1)
    await send('EC01')
    await expect.poll(() => answerTo(invoiceId).length, { timeout: 30_000 }).toBe(2)
    const [first, second] = answerTo(invoiceId)
    expect(first!.data).toMatchObject({ result: 'ES01', esito: 'EC02' })
    expect(second!.data).toMatchObject({
      result: 'ES00',
      ecFileName: `${stemOf(fileName)}_EC_002.xml`,
      scarto: { code: 'EN01' },
    })
  })

  it('retries while SdI answers ES02, then gets ES01', async () => {
    const fileName = await submitToOffice()
    await expect.poll(() => deliveryOf(fileName) !== undefined, { timeout: 30_000 }).toBe(true)
    const id = deliveryOf(fileName)!.IdentificativoSdI
    await channel.put('/faults', { mode: 'unavailable', calls: 2 })
    const request = await requestOutcome(fileName, id, 'EC01')
    await expect.poll(() => answerTo(request.invoiceId).length, { timeout: 60_000 }).toBe(1)
    const answer = answerTo(request.invoiceId)[0]!
    expect(answer.data.result).toBe('ES01')
    expect(answer.data.attempts).toBeGreaterThan(1)
  })

  it('reports ES00 with EN01 for an outcome SdI gets after the 15 days', async () => {
    const fileName = await submitToOffice()
    await expect.poll(() => deliveryOf(fileName) !== undefined, { timeout: 30_000 }).toBe(true)
    const id = deliveryOf(fileName)!.IdentificativoSdI
    await channel.post('/clock', { advanceMs: 16 * 86_400_000 })
    const request = await requestOutcome(fileName, id, 'EC01')
    await expect.poll(() => answerTo(request.invoiceId).length, { timeout: 30_000 }).toBe(1)
    expect(answerTo(request.invoiceId)[0]!.data).toMatchObject({ result: 'ES00', scarto: { code: 'EN01' } })
  })
})
