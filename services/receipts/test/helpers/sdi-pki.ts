import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadPemIdentity, signXades, type Signer } from '@varco/signature'
import { createTestPki, createTlsPki, type Issued, type TestPki, type TlsPki } from '@varco/testing'

/** The certificates of an SdI channel as files: TLS both ways, and SdI's message-signing identity (test PKI). */
export interface SdiPki {
  readonly dir: string
  readonly tls: TlsPki
  readonly signing: TestPki
  readonly file: (name: string, pem: string) => string
  cleanup(): void
}

export function sdiPki(): SdiPki {
  const dir = mkdtempSync(join(tmpdir(), 'varco-receipts-'))
  const signing = createTestPki()
  return {
    dir,
    tls: createTlsPki(),
    signing,
    file: (name, pem) => {
      const path = join(dir, name)
      writeFileSync(path, pem)
      return path
    },
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true })
      signing.cleanup()
    },
  }
}

export const signerOf = (issued: Issued): Signer =>
  loadPemIdentity({ key: issued.keyPem, certificates: issued.certPem })

const SIGNATURE = /<ds:Signature[\s>][\s\S]*<\/ds:Signature>\s*/

/** An official message sample without SdI's own signature (its certificate is not in our trust). */
export function unsigned(xml: Buffer | string): Buffer {
  return Buffer.from(xml.toString().replace(SIGNATURE, ''), 'utf8')
}

/** The message signed as SdI signs it (XAdES-BES, its profile), by `signer`. */
export function resigned(xml: Buffer | string, signer: Signer): Promise<Buffer> {
  return signXades(unsigned(xml), signer)
}
