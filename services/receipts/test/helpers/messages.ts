import { randomUUID } from 'node:crypto'
import type { Signer } from '@varco/signature'
import { sdiSample } from '@varco/testing'
import { resigned } from './sdi-pki.ts'

/** A fresh file identity for a test: an IdentificativoSdI and an invoice file stem nobody else uses. */
export interface FileIdentity {
  readonly identificativoSdI: string
  readonly stem: string
  readonly fileName: string
}

let counter = 0
export function aFile(extension = 'xml.p7m'): FileIdentity {
  counter += 1
  const unique = `${Date.now() % 1_000_000}${counter.toString().padStart(4, '0')}`
  const stem = `IT01234567890_${(Number(unique) % 36 ** 5).toString(36).toUpperCase().padStart(5, '0')}`
  return { identificativoSdI: unique, stem, fileName: `${stem}.${extension}` }
}

type SampleKind = 'RC' | 'NS' | 'MC' | 'NE' | 'DT' | 'AT' | 'MT'

/**
 * An official message sample made about `file` (its IdentificativoSdI and invoice file name), optionally edited,
 * and signed by `signer` as SdI signs (MT stays unsigned, as SdI sends it).
 */
export async function sampleAbout(
  kind: SampleKind,
  file: FileIdentity,
  signer: Signer,
  edit: (xml: string) => string = (xml) => xml,
): Promise<{ bytes: Buffer; name: string }> {
  const xml = edit(
    sdiSample(`samples/messages/IT01234567890_11111_${kind}_001.xml`)
      .toString('utf8')
      .replaceAll(
        '<IdentificativoSdI>111</IdentificativoSdI>',
        `<IdentificativoSdI>${file.identificativoSdI}</IdentificativoSdI>`,
      )
      .replaceAll('IT01234567890_11111.xml.p7m', file.fileName)
      .replace(
        /<MessageId>[^<]*<\/MessageId>/,
        `<MessageId>${randomUUID().replace(/-/g, '').slice(0, 14)}</MessageId>`,
      ),
  )
  const name = `${file.stem}_${kind}_${(++counter % 1000).toString().padStart(3, '0')}.xml`
  const bytes = kind === 'MT' ? Buffer.from(xml) : await resigned(xml, signer)
  return { bytes, name }
}
