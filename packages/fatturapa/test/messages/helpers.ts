import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SDI_DIR } from '../helpers.ts'

/** The official SdI message samples (PA family), read in place from the shared folder. */
export const MESSAGE_SAMPLES_DIR = path.join(SDI_DIR, 'samples/messages')

/** Kind and root of each official sample. */
export const MESSAGE_SAMPLES = [
  { kind: 'RC', root: 'RicevutaConsegna', signed: true },
  { kind: 'NS', root: 'NotificaScarto', signed: true },
  { kind: 'MC', root: 'NotificaMancataConsegna', signed: true },
  { kind: 'NE', root: 'NotificaEsito', signed: true },
  { kind: 'DT', root: 'NotificaDecorrenzaTermini', signed: true },
  { kind: 'AT', root: 'AttestazioneTrasmissioneFattura', signed: true },
  { kind: 'EC', root: 'NotificaEsitoCommittente', signed: false },
  { kind: 'MT', root: 'MetadatiInvioFile', signed: false },
  { kind: 'SE', root: 'ScartoEsitoCommittente', signed: true },
].map((sample) => ({ ...sample, file: `IT01234567890_11111_${sample.kind}_001.xml` }))

export const PA_MESSAGES_XSD = 'MessaggiTypes_v1.1.xsd'
export const B2B_MESSAGES_XSD = 'MessaggiFatturaTypes_v1.0.xsd'

export function readMessageSample(file: string): Buffer {
  return readFileSync(path.join(MESSAGE_SAMPLES_DIR, file))
}

export function messageSampleText(kind: string): string {
  return readMessageSample(`IT01234567890_11111_${kind}_001.xml`).toString('utf8')
}

/** A ds:Signature valid against xmldsig-core-schema.xsd (not a real signature: nothing here verifies it). */
export const PLACEHOLDER_SIGNATURE =
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>' +
  '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>' +
  '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>' +
  '<ds:Reference URI=""><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>' +
  '<ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>' +
  '<ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>'
