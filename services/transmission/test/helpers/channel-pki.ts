import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestPki, createTlsPki, type TestPki, type TlsPki } from '@varco/testing'

/** The certificates of an SdI channel, as files: TLS both ways, and the simulator's message-signing identity. */
export interface ChannelFiles {
  readonly dir: string
  readonly tls: TlsPki
  readonly signing: TestPki
  readonly file: (name: string, pem: string) => string
  cleanup(): void
}

export function channelFiles(): ChannelFiles {
  const dir = mkdtempSync(join(tmpdir(), 'varco-channel-'))
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
