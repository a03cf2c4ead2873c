import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '@varco/testing'

const scratch = (dir: string, extension: string, bytes: Buffer): string => {
  const file = join(dir, `check-${process.hrtime.bigint()}.${extension}`)
  writeFileSync(file, bytes)
  return file
}

/** A plain CMS signature by `signer` (what a vendor's own tool might send), DER. */
export function opensslSign(dir: string, content: Buffer, signer: { certFile: string; keyFile: string }): Buffer {
  const file = scratch(dir, 'xml', content)
  const out = `${file}.p7m`
  // prettier-ignore
  const result = run('openssl', [
    'cms', '-sign', '-binary', '-nodetach', '-outform', 'DER', '-md', 'sha256',
    '-signer', signer.certFile, '-inkey', signer.keyFile, '-in', file, '-out', out,
  ])
  if (!result.ok) throw new Error(result.stderr)
  return readFileSync(out)
}
