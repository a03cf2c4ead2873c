import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SECRET_NAME } from '../../domain/identities.ts'
import { SigningSecretMissing } from '../../errors.ts'

/** Where identities' passwords, passphrases and PINs come from, by name. */
export interface SecretSource {
  read(name: string): Promise<string>
}

/**
 * Secrets as files of one directory (SIGNING_SECRETS_DIR), one secret per file named as the identity says: the shape
 * of a Kubernetes Secret or Docker secret mounted as a volume. Read when an identity is loaded, so a secret added or
 * rotated there is picked up without a restart. One trailing newline is dropped (`echo` and editors add it); the
 * rest of the file is the secret, spaces included.
 */
export function secretsDirectory(dir: string | undefined): SecretSource {
  return {
    async read(name) {
      if (dir === undefined) throw new SigningSecretMissing(name, 'SIGNING_SECRETS_DIR is not set')
      if (!SECRET_NAME.test(name)) throw new SigningSecretMissing(name, 'not a plain file name')
      let text: string
      try {
        text = await readFile(join(dir, name), 'utf8')
      } catch (err) {
        const code = (err as { code?: unknown }).code
        throw new SigningSecretMissing(name, `no readable file in the secrets directory (${String(code)})`)
      }
      const secret = text.replace(/\r?\n$/, '')
      if (secret.length === 0) throw new SigningSecretMissing(name, 'the file is empty')
      return secret
    },
  }
}
