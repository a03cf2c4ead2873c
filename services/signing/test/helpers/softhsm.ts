import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so'

export interface SoftHsm {
  /** The SOFTHSM2_CONF file: its token directory is this instance's alone. */
  readonly conf: string
  /** Initialises a token and imports `keyFile` (unencrypted PKCS#8 PEM) into it under `keyLabel`. */
  addToken(options: { label: string; pin: string; keyFile: string; keyLabel: string }): void
  cleanup(): void
}

/**
 * A SoftHSM2 with its own token directory, driven by softhsm2-util only. Sets SOFTHSM2_CONF in this process (the
 * module reads it when loaded); pass `conf` on to child processes.
 */
export function createSoftHsm(): SoftHsm {
  const dir = mkdtempSync(join(tmpdir(), 'varco-signing-hsm-'))
  mkdirSync(join(dir, 'tokens'))
  const conf = join(dir, 'softhsm2.conf')
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`)
  process.env.SOFTHSM2_CONF = conf
  const util = (args: readonly string[]): void => {
    execFileSync('softhsm2-util', args, { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: 'pipe' })
  }
  return {
    conf,
    addToken({ label, pin, keyFile, keyLabel }) {
      util(['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '87654321'])
      util(['--import', keyFile, '--token', label, '--label', keyLabel, '--id', '01', '--pin', pin])
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
