import { loadPemIdentity, loadPkcs12Identity, type Signer } from '@varco/signature'
import { CliUsageError } from './errors.ts'
import { readInput } from './files.ts'
import type { CliIo } from './io.ts'

/** Where `varco sign` looks for the .p12 password unless --password-env names another variable. */
export const DEFAULT_PASSWORD_ENV = 'VARCO_P12_PASSWORD'

/** A signing identity as the command line names it: files, and the environment variables holding their secrets. */
export type IdentitySource =
  | { readonly kind: 'pkcs12'; readonly file: string; readonly passwordEnv: string }
  | { readonly kind: 'pem'; readonly key: string; readonly cert: string; readonly passphraseEnv: string | undefined }

// An unset variable is a mistake in how the command was run (exit 2); an empty one is an empty password.
function secretFrom(io: CliIo, name: string, option: string, what: string): string {
  const value = io.env(name)
  if (value === undefined) {
    throw new CliUsageError(
      `the environment variable ${name} is not set: put the ${what} in it, or name another with ${option}`,
    )
  }
  return value
}

/** Loads the signer; wrong passwords and unreadable keys surface as the signature package's SIG_ERR_IDENTITY. */
export async function loadIdentity(io: CliIo, source: IdentitySource): Promise<Signer> {
  if (source.kind === 'pkcs12') {
    const password = secretFrom(io, source.passwordEnv, '--password-env', '.p12 password')
    const file = await readInput(io, source.file, `--p12 ${source.file}`)
    return loadPkcs12Identity({ file, password })
  }
  const passphrase =
    source.passphraseEnv === undefined
      ? undefined
      : secretFrom(io, source.passphraseEnv, '--passphrase-env', 'key passphrase')
  const key = await readInput(io, source.key, `--key ${source.key}`)
  const certificates = await readInput(io, source.cert, `--cert ${source.cert}`)
  return loadPemIdentity(passphrase === undefined ? { key, certificates } : { key, certificates, passphrase })
}
